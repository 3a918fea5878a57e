import BackpropTestSupport
import Testing
import BackpropMatrix
@testable import BackpropFormats

/// `.npz` reading against NumPy's `np.savez` (stored) and `np.savez_compressed` (deflated).
@Suite struct NumPyArchiveTests {
    @Test(arguments: Fixtures.manifest.npz)
    func readsNumPysArchives(entry: Fixtures.NpzEntry) throws {
        let archive = try NumPyArchive.read(path: Fixtures.path(entry.file))
        #expect(Set(archive.names) == Set(entry.members.keys))
        for (name, member) in entry.members {
            let array = try archive.array(named: name)
            #expect(array.shape == member.shape && array.dtype.name == member.dtype)
            #expect(array.values(as: Double.self) == member.values.map { Double($0)! })
        }
    }

    @Test(arguments: [false, true])
    func writeThenReadRoundTrips(compressed: Bool) throws {
        let w = Matrix<Double>([[0.5, -1], [2, 3e-9]])
        let archive = NumPyArchive(arrays: [
            ("W1", NpyArray(w)), ("labels", NpyArray(shape: [3], values: [1, 0, 7] as [Int64])),
            ("image", NpyArray(shape: [1, 2, 2, 3], values: [UInt8](0..<12))),
        ])
        let path = ScratchFolder.path(compressed ? "c.npz" : "s.npz")
        try archive.write(to: path, compressed: compressed)
        let back = try NumPyArchive.read(path: path)
        #expect(back == archive)
        #expect(try back.array(named: "W1").matrix(as: Double.self) == w)
    }

    /// Fixtures/npz/make_class_names.py: NumPy's byte and unicode string arrays are read as
    /// strings, an object array is listed as unreadable (refused only when asked for), and the
    /// data set takes its class names from `list_classes` / `classes`.
    @Test func stringArraysAreClassNamesAndOtherMembersDoNotStopTheLoader() throws {
        let archive = try NumPyArchive.read(path: Fixtures.path("npz/class_names.npz"))
        #expect(archive.names == ["train_set_x", "train_set_y"])
        #expect(archive.strings.map(\.name) == ["list_classes"])
        #expect(archive.strings.first?.array == NpyStringArray(shape: [2], strings: ["non-cat", "cat"]))
        #expect(archive.unreadable.map(\.name) == ["notes"])
        let refused = try #require(throws: FormatError.self) { try archive.array(named: "notes") }
        #expect(refused.reason == .unsupported && refused.description.contains("object array"))

        let cats = try Dataset<Double>.load(path: Fixtures.path("npz/class_names.npz"))
        #expect(cats.classNames == ["non-cat", "cat"] && cats.classIndices == [0, 1, 1, 0])
        #expect(cats.X.rows == 12 && cats.X.columns == 4 && cats.X[11, 3] == 47.0 / 255)
        let insects = try Dataset<Double>.load(path: Fixtures.path("npz/unicode_classes.npz"))
        #expect(insects.classNames == ["ant", "bee", "wasp"] && insects.classIndices == [0, 2, 1])
    }

    /// Byte strings are NUL-padded UTF-8, unicode strings zero-padded UTF-32 in either byte
    /// order; a size that does not match the shape is an error.
    @Test func stringArraysDecodeBothKindsAndCheckTheirSize() throws {
        let bytes: [UInt8] = Array("cat".utf8) + [0, 0] + Array("dog".utf8) + [0x65, 0]
        let text = try NpyStringArray(shape: [2], kind: .bytes, length: 5, littleEndian: true, data: bytes[...], file: "t")
        #expect(text.strings == ["cat", "doge"])
        let big: [UInt8] = [0, 0, 0, 0x61, 0, 0, 0x01, 0xF6, 0, 0, 0, 0]
        let unicode = try NpyStringArray(shape: [1], kind: .unicode, length: 3, littleEndian: false, data: big[...], file: "t")
        #expect(unicode.strings == ["a\u{1F6}"])
        #expect(throws: FormatError.self) {
            try NpyStringArray(shape: [3], kind: .bytes, length: 5, littleEndian: true, data: bytes[...], file: "t")
        }
        #expect(NpyStringArray.Kind.parse(descr: "|S7")?.length == 7 && NpyStringArray.Kind.parse(descr: ">U2")?.littleEndian == false)
        #expect(NpyStringArray.Kind.parse(descr: "<f8") == nil && NpyStringArray.Kind.parse(descr: "|S0") == nil)
    }

    @Test func badArchivesAndMembersAreTypedErrors() throws {
        let good = try Fixtures.bytes("npz/deflated.npz")
        #expect(throws: FormatError.self) { try NumPyArchive.read(bytes: Array(good.prefix(good.count / 2))) }
        var corrupt = good
        corrupt[200] ^= 0xff  // inside the first member's deflated data
        #expect(throws: FormatError.self) { try NumPyArchive.read(bytes: corrupt) }
        #expect(throws: FormatError.self) { try NumPyArchive.read(bytes: [1, 2, 3]) }
        let archive = try NumPyArchive.read(bytes: good)
        let missing = try #require(throws: FormatError.self) { try archive.array(named: "nope") }
        #expect(missing.found.contains("train_set_x"))
        // A member that is not a valid .npy is reported with the member's name.
        let bad = NumPyArchive(arrays: []).encode(compressed: false)
        #expect(try NumPyArchive.read(bytes: bad).arrays.isEmpty)
    }
}
