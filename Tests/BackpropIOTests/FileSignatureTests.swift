@testable import BackpropIO
import Foundation
import Testing

/// Recognising a file's kind by its first bytes: files written by h5py, NumPy, Pillow, Python's
/// zip and gzip modules and safetensors (the other test targets' fixtures) are each recognised
/// as their kind, and text, short files and folders as none.
@Suite struct FileSignatureTests {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures: [(String, FileSignature)] = [
        ("BackpropCLITests/Fixtures/cli/tiny_images.h5", .hdf5),
        ("BackpropTests/Fixtures/model", .safetensors),  // the folder's first .safetensors file
        ("BackpropFormatsTests/Fixtures/npy/f8_le_c.npy", .npy),
        ("BackpropCompressionTests/Fixtures/mixed.zip", .zip),
        ("BackpropCompressionTests/Fixtures/arrays.npz", .zip),
        ("BackpropCompressionTests/Fixtures/text.gz", .gzip),
        ("BackpropCLITests/Fixtures/cli/bright.png", .png),
        ("BackpropFormatsTests/Fixtures/jpeg/baseline_420.jpg", .jpeg),
    ]

    /// The fixture's path; for a folder, its first `.safetensors` file.
    static func path(_ relative: String) throws -> String {
        let url = tests.appendingPathComponent(relative)
        guard FileKind(path: url.path) == .directory else { return url.path }
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".safetensors") }.sorted()
        return url.appendingPathComponent(try #require(names.first)).path
    }

    @Test(arguments: fixtures)
    func recognisesEachKindFromAFileOfThatKind(_ relative: String, _ kind: FileSignature) throws {
        #expect(FileSignature(path: try Self.path(relative)) == kind)
    }

    @Test func namesEachKindOnceForMessages() {
        let names = FileSignature.allCases.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(FileSignature.hdf5.name == "an HDF5 file")
        for kind in FileSignature.allCases { #expect(FileSignature(name: kind.name) == kind) }
        #expect(FileSignature(name: "a folder") == nil)
    }

    @Test func recognisesNoKindInTextShortFilesOrFolders() throws {
        #expect(FileSignature(bytes: Array("x,y\n1,0\n2,1\n".utf8)) == nil)
        #expect(FileSignature(bytes: Array("{\"event\": \"cost\"}".utf8)) == nil)
        #expect(FileSignature(bytes: [0x89, 0x48]) == nil)
        #expect(FileSignature(bytes: []) == nil)
        // An IDX header (MNIST) is not taken for a safetensors length.
        #expect(FileSignature(bytes: [0, 0, 8, 3, 0, 0, 0xea, 0x60, 0, 0, 0, 28, 0, 0, 0, 28]) == nil)
        // A safetensors length past 100 MB, or no '{' after it, is not safetensors.
        #expect(FileSignature(bytes: [0x10, 0, 0, 0, 0, 0, 0, 0, UInt8(ascii: "{")]) == .safetensors)
        #expect(FileSignature(bytes: [0, 0, 0, 0x10, 0, 0, 0, 0, UInt8(ascii: "{")]) == nil)
        #expect(FileSignature(bytes: [0x10, 0, 0, 0, 0, 0, 0, 0, UInt8(ascii: "[")]) == nil)
        #expect(FileSignature(path: Self.tests.path) == nil)
        #expect(FileSignature(path: Self.tests.appendingPathComponent("no-such-file").path) == nil)
    }
}
