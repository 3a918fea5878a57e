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
        let path = Fixtures.scratch(compressed ? "c.npz" : "s.npz")
        try archive.write(to: path, compressed: compressed)
        let back = try NumPyArchive.read(path: path)
        #expect(back == archive)
        #expect(try back.array(named: "W1").matrix(as: Double.self) == w)
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
