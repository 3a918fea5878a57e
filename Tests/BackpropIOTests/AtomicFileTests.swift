@testable import BackpropIO
import Foundation
import Testing

/// The shared atomic writer: replaces files whole, cleans up dead writers' temporaries, and
/// reports a refused write with its step and the system's reason.
@Suite struct AtomicFileTests {
    static func makeFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("BackpropIOTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func replacesTheFileAndLeavesNoTemporary() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.bin").path
        try AtomicFile.write([1, 2, 3], to: path)
        try AtomicFile.write("new", to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("new".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.bin"])
    }

    @Test func removesOnlyDeadWritersTemporariesOfTheSameFile() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dead = ".out.bin.2147483600.17.tmp"
        let live = ".out.bin.\(ProcessInfo.processInfo.processIdentifier).18.tmp"
        let other = ".other.bin.2147483600.19.tmp"
        let odd = ".out.bin.notapid.1.tmp"
        for name in [dead, live, other, odd] {
            try Data([0]).write(to: folder.appendingPathComponent(name))
        }
        try AtomicFile.write([7], to: folder.appendingPathComponent("out.bin").path)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == [live, odd, other, "out.bin"].sorted())
    }

    @Test func missingFolderNamesTheStep() {
        let path = "/nonexistent-backprop-io-folder/x.bin"
        #expect(throws: AtomicFile.Failure(path: path, step: .create(folder: "/nonexistent-backprop-io-folder"),
                                           reason: "No such file or directory")) {
            try AtomicFile.write([1], to: path)
        }
    }

    @Test func joinsPathsWithOneSlash() {
        #expect(joinPath("a", "b") == "a/b")
        #expect(joinPath("a/", "b") == "a/b")
        #expect(joinPath("/", "b") == "/b")
    }
}
