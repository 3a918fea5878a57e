@testable import BackpropFormats
import Testing

/// The binary readers' byte reader context: a short read becomes a `.truncated` FormatError
/// naming the file, the offset, the bytes needed and the bytes left.
@Suite struct FormatReadContextTests {
    @Test func shortReadSaysWhatAndHowMuch() {
        var reader = ByteReader([0x93, 0x4e, 0x55], file: "x.npy", position: 1)
        #expect(throws: FormatError(.truncated, file: "x.npy", at: .byte(1),
                                    expected: "4 bytes of the header length", found: "2 bytes left")) {
            try reader.uint32("the header length")
        }
        #expect(reader.error(.invalid, expected: "a", found: "b").description == "x.npy, byte 1: expected a, found b")
    }

    @Test func truncatedNpyHeaderMessage() {
        // Magic and version 1.0, then nothing: the 2-byte header length is missing.
        let bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        #expect(throws: FormatError(.truncated, file: "<bytes>", at: .byte(8),
                                    expected: "2 bytes of the header length", found: "0 bytes left")) {
            try NumPyFile.read(bytes: bytes)
        }
    }
}
