import Testing
@testable import BackpropCompression

@Suite("zlib container (RFC 1950)")
struct ZlibTests {
    @Test("decodes Python's zlib.compress output")
    func decodesFixtures() throws {
        for item in try Fixtures.manifest()["zlib"]! {
            #expect(try Zlib.decompress(Fixtures.bytes(item.file)) == Fixtures.payload(item.payload!), "\(item.file)")
        }
    }

    @Test("round trip at levels 0, 1, 6, 9; header check bits valid")
    func roundTrip() throws {
        for level in [0, 1, 6, 9] {
            for input in [[], Fixtures.payload("text"), Fixtures.payload("random")] {
                let packed = Zlib.compress(input, level: level)
                #expect((UInt16(packed[0]) << 8 | UInt16(packed[1])) % 31 == 0)
                #expect(try Zlib.decompress(packed) == input)
            }
        }
    }

    @Test("bad checksum, bad header, preset dictionary, truncation and bomb limit throw the right kind")
    func errors() throws {
        let good = try Fixtures.bytes("text_level6.zlib")
        func kind(_ bytes: [UInt8], limit: Int = 1 << 30) -> CompressionError.Kind? {
            Fixtures.errorKind(bytes, limit: limit, Zlib.decompress)
        }
        let badAdler = Fixtures.flipping(good, at: good.count - 1, 1)
        #expect(kind(badAdler) == .checksumMismatch)
        #expect(kind([0x77] + good.dropFirst()) == .invalidData)  // CM 7 (only 8, DEFLATE, exists)
        #expect(kind(Fixtures.flipping(good, at: 1, 1)) == .invalidData)  // FCHECK
        #expect(kind([0x78, 0xBB, 0, 0, 0, 0]) == .unsupported)  // FDICT set, FCHECK valid
        #expect(kind([]) == .truncated)
        #expect(kind([0x78]) == .truncated)
        #expect(kind(Array(good.dropLast(2))) == .truncated)
        #expect(kind(Array(good[..<(good.count / 2)])) == .truncated)
        #expect(kind(good, limit: 100) == .outputLimitExceeded)
        do {
            _ = try Zlib.decompress(badAdler)
        } catch {
            #expect(error.description.hasPrefix("zlib: checksum mismatch at byte \(good.count - 4)"))
        }
    }
}
