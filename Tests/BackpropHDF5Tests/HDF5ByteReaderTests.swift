@testable import BackpropHDF5
import Testing

/// HDF5's byte reader: truncation at the absolute file offset, addresses of the superblock's
/// size, signatures and version bytes, NUL-terminated strings.
@Suite struct HDF5ByteReaderTests {
    @Test func truncationAtTheAbsoluteOffset() {
        var c = HDF5ByteReader([1, 2], origin: 100, structure: "object header", file: "f.h5")
        #expect(throws: HDF5Error(.truncated, file: "f.h5", offset: 100, found: "object header: needs 4 more bytes, 2 left")) {
            try c.uint32()
        }
        #expect(throws: HDF5Error(.malformed, file: "f.h5", offset: 100, found: "object header: integer field of 9 bytes")) {
            try c.uint(9)
        }
    }

    @Test func addressesLengthsAndStrings() throws {
        var c = HDF5ByteReader([0xff, 0xff, 0xff, 0xff, 0x10, 0x00, 0x00, 0x00, 0x2a, 0x00, 0x61, 0x62, 0x00],
                               origin: 0, structure: "test", file: "f.h5", offsetSize: 4, lengthSize: 2)
        #expect(try c.address() == nil)  // all bits set: undefined
        #expect(try c.address() == 0x10)
        #expect(try c.length() == 42)
        #expect(try c.cString() == "ab")
        #expect(c.isAtEnd)
    }

    @Test func signatureThenVersionZero() throws {
        var good = HDF5ByteReader(Array("TREE".utf8) + [0], origin: 8, structure: "v2 B-tree header", file: "f.h5")
        try good.signature("TREE", version0Of: "v2 B-tree header", expected: "version 0 is supported")
        var bad = HDF5ByteReader(Array("TREE".utf8) + [3], origin: 8, structure: "v2 B-tree header", file: "f.h5")
        #expect(throws: HDF5Error(.unsupportedVersion(structure: "v2 B-tree header", version: 3), file: "f.h5", offset: 12,
                                  found: "v2 B-tree header: version 0 is supported")) {
            try bad.signature("TREE", version0Of: "v2 B-tree header", expected: "version 0 is supported")
        }
        var wrong = HDF5ByteReader(Array("HEAP".utf8) + [0], origin: 8, structure: "local heap", file: "f.h5")
        #expect(throws: HDF5Error(.badSignature, file: "f.h5", offset: 8, found: "local heap: expected \"TREE\", found \"HEAP\"")) {
            try wrong.signature("TREE", version0Of: "local heap", expected: "version 0")
        }
    }

    @Test func encodedSizes() {
        #expect(encodedSize(0) == 1 && encodedSize(255) == 1 && encodedSize(256) == 2 && encodedSize(UInt64.max) == 8)
    }
}
