import Testing
@testable import BackpropCompression

@Suite("gzip (RFC 1952)")
struct GzipTests {
    @Test("decodes Python's gzip output: plain, empty, two members, all header fields + FHCRC")
    func decodesFixtures() throws {
        let files = try Fixtures.files("gzip")
        #expect(files.count == 4)
        for (item, bytes) in files {
            #expect(Gzip.isGzip(bytes))
            #expect(try Gzip.decompress(bytes) == Fixtures.payload(item.payload!), "\(item.file)")
        }
    }

    @Test("round trip, trailing zero padding ignored, isGzip")
    func roundTrip() throws {
        for level in [0, 1, 6, 9] {
            let input = Fixtures.payload("text")
            let packed = Gzip.compress(input, level: level)
            #expect(try Gzip.decompress(packed) == input)
            #expect(try Gzip.decompress(packed + [0, 0, 0, 0]) == input)
            #expect(try Gzip.decompress(packed + Gzip.compress([1, 2, 3])) == input + [1, 2, 3])
        }
        #expect(!Gzip.isGzip([0x1F, 0x8B]))
        #expect(!Gzip.isGzip(Zlib.compress([1])))
    }

    @Test("bad CRC, bad ISIZE, bad header CRC, bad magic, trailing garbage, truncation, limit")
    func errors() throws {
        let good = try Fixtures.bytes("text.gz")
        let badCRC = Fixtures.flipping(good, at: good.count - 8, 0x40)
        #expect(Self.kind(badCRC) == .checksumMismatch)
        #expect(Self.kind(Fixtures.flipping(good, at: good.count - 4, 1)) == .checksumMismatch)  // ISIZE
        var fields = try Fixtures.bytes("fields.gz")
        let nameEnd = fields.firstIndex(of: 0x2E)!  // a byte inside "weights.bin", covered by FHCRC
        fields[nameEnd] = 0x2D
        #expect(Self.kind(fields) == .checksumMismatch)
        var badMagic = good
        badMagic[1] = 0x8C
        #expect(Self.kind(badMagic) == .invalidData)
        #expect(Self.kind(good + [0x42]) == .invalidData)
        #expect(Self.kind(Array(good.dropLast(3))) == .truncated)
        #expect(Self.kind(Array(good[..<5])) == .truncated)
        let fieldsBytes = try Fixtures.bytes("fields.gz")
        for cut in [11, 14, 20, 30, 40] { #expect(Self.kind(Array(fieldsBytes[..<cut])) == .truncated, "cut \(cut)") }
        #expect(Self.kind(good, limit: 29_999) == .outputLimitExceeded)
        let multi = try Fixtures.bytes("multi.gz")
        #expect(Self.kind(multi, limit: 29_999) == .outputLimitExceeded)
        #expect(try Gzip.decompress(multi, maximumOutputCount: 30_000).count == 30_000)
        let error = #expect(throws: CompressionError.self) { try Gzip.decompress(badCRC) }
        #expect(error?.description.hasPrefix("gzip: checksum mismatch at byte \(good.count - 8)") == true, "\(String(describing: error))")
    }

    /// The kind of error `Gzip.decompress` throws for `bytes` when allowed `limit` bytes of
    /// output, or nil when it decodes.
    static func kind(_ bytes: [UInt8], limit: Int = 1 << 31) -> CompressionError.Kind? {
        Fixtures.errorKind(bytes, limit: limit, Gzip.decompress)
    }
}
