import Testing
@testable import BackpropHDF5

@Suite struct ChecksumsTests {
    /// Reference values from Bob Jenkins' lookup3.c driver (`hashlittle`).
    @Test func lookup3MatchesTheReferenceImplementation() {
        #expect(Checksum.lookup3([UInt8]()) == 0xdead_beef)
        let text = Array("Four score and seven years ago".utf8)
        #expect(Checksum.lookup3(text) == 0x1777_0551)
        #expect(Checksum.lookup3(text, initialValue: 1) == 0xcd62_8161)
    }

    /// Fletcher-32 of "abcde" / "abcdef" over big-endian 16-bit words with HDF5's folding,
    /// computed by hand: words 0x6162, 0x6364, 0x6500.
    @Test func fletcher32OfShortInputs() {
        let sum1: UInt32 = 0x6162 + 0x6364 + 0x6500
        let sum2: UInt32 = 0x6162 + (0x6162 + 0x6364) + sum1
        #expect(Checksum.fletcher32(Array("abcde".utf8)) == (sum2 % 65535) << 16 | (sum1 % 65535))
    }
}
