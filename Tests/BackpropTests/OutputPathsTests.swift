import Backprop
import Foundation
import Testing

/// The check of an output path before any work: a folder, a missing folder or a wrong
/// extension is bad input, a folder that takes no files is I/O, and a path that can become a
/// file passes and leaves nothing behind.
@Suite struct OutputPathsTests {
    static func makeFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("OutputPathsTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func refusal(_ option: String, _ path: String, extensions: [String] = []) -> BackpropError? {
        do {
            try OutputPaths.check(option, path, extensions: extensions)
            return nil
        } catch {
            return error
        }
    }

    @Test func refusesAFolderAMissingFolderAndAWrongExtension() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let asFolder = try #require(refusal("--save", folder.path))
        #expect(asFolder.category == .badInput)
        #expect(asFolder.message == "--save \(folder.path): this is a folder, not a file name")
        #expect(refusal("--log", folder.path + "/new/")?.message.hasSuffix("this is a folder, not a file name") == true)
        let missing = try #require(refusal("--csv", folder.appendingPathComponent("no/out.csv").path))
        #expect(missing.category == .badInput)
        #expect(missing.message.contains("the folder \(folder.appendingPathComponent("no").path) does not exist"))
        let plot = try #require(refusal("--plot", folder.appendingPathComponent("c.pdf").path, extensions: ["svg", "png"]))
        #expect(plot.category == .badInput)
        #expect(plot.message.hasSuffix("c.pdf: expected a .svg or .png file name"))
        #expect(refusal("", folder.path)?.message == "\(folder.path): this is a folder, not a file name")
    }

    @Test func passesAWritablePathAndNilAndLeavesNothingBehind() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(refusal("--save", folder.appendingPathComponent("m.safetensors").path) == nil)
        #expect(refusal("--plot", folder.appendingPathComponent("c.PNG").path, extensions: ["svg", "png"]) == nil)
        try OutputPaths.check("--save", nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    #if os(Linux)
    @Test func aFolderThatTakesNoFilesIsAnIOError() throws {
        let error = try #require(refusal("--save", "/proc/backprop-m.safetensors"))
        #expect(error.category == .io)
        #expect(error.message.contains("cannot create files in /proc"))
    }
    #endif
}
