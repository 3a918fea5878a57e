import Testing
@testable import BackpropCompression

@Suite("CRC-32 and Adler-32")
struct ChecksumTests {
    @Test("match Python's zlib.crc32 / zlib.adler32 on every fixture payload")
    func matchPython() throws {
        for (_, items) in try Fixtures.manifest() {
            for item in items {
                guard let name = item.payload else { continue }
                let data = Fixtures.payload(name)
                #expect(CRC32.checksum(data) == item.crc32, "\(name)")
                #expect(Adler32.checksum(data) == item.adler32, "\(name)")
            }
        }
    }

    @Test("known values: empty, \"123456789\"")
    func knownValues() {
        #expect(CRC32.checksum([]) == 0)
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Adler32.checksum([]) == 1)
        #expect(Adler32.checksum(Array("Wikipedia".utf8)) == 0x11E6_0398)
    }

    @Test("slicing-by-8 CRC equals the bit-at-a-time reference at every length and split")
    func incrementalMatchesReference() {
        let data = Fixtures.lcgBytes(seed: 9, count: 300)
        for count in 0...40 {
            #expect(CRC32.checksum(Array(data[..<count])) == CRC32.referenceChecksum(Array(data[..<count])))
        }
        for split in stride(from: 0, through: 300, by: 7) {
            var crc = CRC32()
            crc.update(Array(data[..<split]))
            crc.update(Array(data[split...]))
            #expect(crc.value == CRC32.referenceChecksum(data))
            var adler = Adler32()
            adler.update(Array(data[..<split]))
            adler.update(Array(data[split...]))
            #expect(adler.value == Adler32.checksum(data))
        }
    }

    @Test("Adler-32 stays exact over long runs of 0xFF (the 5552-byte reduction bound)")
    func adlerOverflow() {
        let data = [UInt8](repeating: 0xFF, count: 100_000)
        var a: UInt64 = 1, b: UInt64 = 0
        for byte in data {
            a = (a + UInt64(byte)) % 65521
            b = (b + a) % 65521
        }
        #expect(Adler32.checksum(data) == UInt32(b << 16 | a))
    }
}
