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
        let badAdler = Fixtures.flipping(good, at: good.count - 1, 1)
        #expect(Self.kind(badAdler) == .checksumMismatch)
        #expect(Self.kind([0x77] + good.dropFirst()) == .invalidData)  // CM 7 (only 8, DEFLATE, exists)
        #expect(Self.kind(Fixtures.flipping(good, at: 1, 1)) == .invalidData)  // FCHECK
        #expect(Self.kind([0x78, 0xBB, 0, 0, 0, 0]) == .unsupported)  // FDICT set, FCHECK valid
        #expect(Self.kind([]) == .truncated)
        #expect(Self.kind([0x78]) == .truncated)
        #expect(Self.kind(Array(good.dropLast(2))) == .truncated)
        #expect(Self.kind(Array(good[..<(good.count / 2)])) == .truncated)
        #expect(Self.kind(good, limit: 100) == .outputLimitExceeded)
        let error = #expect(throws: CompressionError.self) { try Zlib.decompress(badAdler) }
        #expect(error?.description.hasPrefix("zlib: checksum mismatch at byte \(good.count - 4)") == true, "\(String(describing: error))")
    }

    /// The kind of error `Zlib.decompress` throws for `bytes` when allowed `limit` bytes of
    /// output, or nil when it decodes.
    static func kind(_ bytes: [UInt8], limit: Int = 1 << 30) -> CompressionError.Kind? {
        Fixtures.errorKind(bytes, limit: limit, Zlib.decompress)
    }
}
