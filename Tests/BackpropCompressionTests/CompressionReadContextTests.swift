@testable import BackpropCompression
import BackpropIO
import Testing

/// The container parsers' byte reader context: a short read becomes a `.truncated`
/// CompressionError naming the container, the offset (clamped into the input) and what was read.
@Suite struct CompressionReadContextTests {
    @Test func shortReadNamesTheContainerAndTheRead() {
        let reader = ByteReader(bytes: [1, 2, 3], format: "ZIP")
        #expect(throws: CompressionError(.truncated, offset: 2,
                                         "local header of 'a.npy' (4 bytes at byte 2) runs past the end of the 3-byte input",
                                         format: "ZIP")) {
            try reader.require(at: 2, count: 4, "local header of 'a.npy'")
        }
        do {
            try reader.require(at: 10, count: 1, "central directory")
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 3)
            #expect(error.description == "ZIP: truncated input at byte 3: central directory (1 bytes at byte 10) runs past the end of the 3-byte input")
        }
    }
}
