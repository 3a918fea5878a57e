import Testing
@testable import BackpropCompression

@Suite("Inflate (raw DEFLATE, RFC 1951)")
struct InflateTests {
    @Test("payload generator matches the Python generator (size and CRC-32 from zlib.crc32)")
    func payloadsMatchManifest() throws {
        for item in try Fixtures.manifest()["deflate"]! {
            let data = Fixtures.payload(item.payload!)
            #expect(data.count == item.size, "\(item.file)")
            #expect(CRC32.checksum(data) == item.crc32, "\(item.file)")
        }
    }

    @Test("decodes every zlib-made raw DEFLATE fixture (levels 0-9, fixed, Huffman-only, RLE, empty, one byte, >64 KiB)")
    func decodesFixtures() throws {
        let files = try Fixtures.files("deflate")
        #expect(files.count >= 12)
        for (item, compressed) in files {
            let output = try Inflate.decompress(compressed)
            #expect(output == Fixtures.payload(item.payload!), "\(item.file)")
        }
    }

    @Test("the pointer API reports how many bytes the stream used, ignoring what follows")
    func consumedCount() throws {
        let compressed = try Fixtures.bytes("text_level6.deflate")
        let trailing = compressed + [0xDE, 0xAD, 0xBE, 0xEF]
        let (output, consumed) = try trailing.withUnsafeBytes { raw in try Inflate.decompress(raw) }
        #expect(consumed == compressed.count)
        #expect(output == Fixtures.payload("text"))
    }

    @Test("each hand-made invalid stream (rejected by Python's zlib too) throws the expected kind")
    func rejectsInvalidStreams() throws {
        let files = try Fixtures.files("invalid")
        #expect(files.count >= 10)
        for (item, bytes) in files {
            let expected: CompressionError.Kind = item.kind == "truncated" ? .truncated : .invalidData
            #expect(throws: CompressionError.self, "\(item.file)") { try Inflate.decompress(bytes) }
            do {
                _ = try Inflate.decompress(bytes)
            } catch {
                #expect(error.kind == expected, "\(item.file): \(error)")
                #expect(error.description.hasPrefix("DEFLATE: "))
            }
        }
    }

    @Test("every truncation of a valid stream throws .truncated, never crashes")
    func truncations() throws {
        for name in ["text_level6.deflate", "text_fixed.deflate", "random_level0.deflate", "one.deflate", "long_level9.deflate"] {
            let compressed = try Fixtures.bytes(name)
            let step = max(1, compressed.count / 300)
            for cut in stride(from: 0, to: compressed.count, by: step) {
                do {
                    _ = try Inflate.decompress(Array(compressed[..<cut]))
                    Issue.record("\(name) cut at \(cut) decoded without error")
                } catch {
                    #expect(error.kind == .truncated, "\(name) cut at \(cut): \(error)")
                }
            }
        }
    }

    @Test("output limit: a 100 000-byte expansion with a smaller limit throws .outputLimitExceeded")
    func bombLimit() throws {
        let compressed = try Fixtures.bytes("repetitive_level9.deflate")
        #expect(compressed.count < 200)
        do {
            _ = try Inflate.decompress(compressed, maximumOutputCount: 99_999)
            Issue.record("limit not enforced")
        } catch {
            #expect(error.kind == .outputLimitExceeded)
        }
        #expect(try Inflate.decompress(compressed, maximumOutputCount: 100_000).count == 100_000)
        let stored = try Fixtures.bytes("random_level0.deflate")
        #expect(throws: CompressionError.self) { try Inflate.decompress(stored, maximumOutputCount: 1000) }
    }

    @Test("corrupted streams (random byte flips) throw or decode, never crash")
    func fuzz() throws {
        var generator: UInt64 = 42
        func next() -> Int {
            generator = generator &* 6364136223846793005 &+ 1442695040888963407
            return Int(generator >> 33)
        }
        for name in ["text_level6.deflate", "text_fixed.deflate", "runs_rle.deflate", "long_level9.deflate"] {
            let original = try Fixtures.bytes(name)
            for _ in 0..<200 {
                var bytes = original
                for _ in 0..<(1 + next() % 4) {
                    bytes[next() % bytes.count] ^= UInt8(1 << (next() % 8))
                }
                _ = try? Inflate.decompress(bytes, maximumOutputCount: 1 << 20)
            }
        }
        for length in 0..<64 {
            for _ in 0..<20 {
                let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: next()) }
                _ = try? Inflate.decompress(bytes, maximumOutputCount: 1 << 16)
            }
        }
    }
}
