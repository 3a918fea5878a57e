import Foundation
import Testing
import BackpropFormats
import BackpropTestSupport

/// Replays every input kept under `Fuzz/Regressions/` (see Fuzz/README.md) for the file-format
/// readers: each must parse or throw a ``FormatError`` naming the file it was given, and do what
/// its name says (``FuzzRegressions``). An empty or missing folder fails the test.
struct FuzzRegressionTests {
    /// Runs `read` on every input of `target`; a thrown error must name the input (a member of an
    /// archive is named `archive:member`).
    func replay(_ target: String, sourceLocation: SourceLocation = #_sourceLocation,
                _ read: ([UInt8], String) throws(FormatError) -> Void) throws {
        try FuzzRegressions.replay(target, sourceLocation: sourceLocation, { input throws(FormatError) in
            try read(input.bytes, input.name)
        }, checkError: { input, error in
            #expect(error.file == input.name || error.file.hasPrefix(input.name + ":"), "\(target)/\(input.name): \(error)",
                    sourceLocation: sourceLocation)
        })
    }

    @Test(.timeLimit(.minutes(10))) func npy() throws {
        try replay("FuzzNpy") { (bytes, name) throws(FormatError) in
            let array = try NumPyFile.read(bytes: bytes, file: name)
            _ = array.values(as: Double.self)
            _ = try array.matrix(as: Float.self, file: name)
        }
    }

    @Test(.timeLimit(.minutes(10))) func npz() throws {
        try replay("FuzzZip") { (bytes, name) throws(FormatError) in
            for (_, array) in try NumPyArchive.read(bytes: bytes, file: name).arrays { _ = array.values(as: Double.self) }
        }
    }

    @Test(.timeLimit(.minutes(10))) func csv() throws {
        try replay("FuzzCSV") { (bytes, name) throws(FormatError) in
            _ = try CSVFile.read(bytes: bytes, file: name)
        }
        try replay("FuzzCSV") { (bytes, name) throws(FormatError) in
            var options = CSVOptions()
            options.header = .absent
            options.label = .none
            _ = try CSVFile.read(bytes: bytes, options: options, file: name)
        }
    }

    @Test(.timeLimit(.minutes(10))) func idx() throws {
        try replay("FuzzIDX") { (bytes, name) throws(FormatError) in
            _ = try IDXFile.read(bytes: bytes, file: name).values(as: Double.self)
        }
    }

    @Test(.timeLimit(.minutes(10))) func png() throws {
        try replay("FuzzPNG") { (bytes, name) throws(FormatError) in
            _ = try PNGDecoder.decode(bytes, file: name)
        }
        // ImageFile sniffs the format, so PNG inputs reach the JPEG decoder too.
        try replay("FuzzPNG") { (bytes, name) throws(FormatError) in
            _ = try ImageFile.read(bytes: bytes, file: name).column(as: Float.self)
        }
    }

    @Test(.timeLimit(.minutes(10))) func jpeg() throws {
        try replay("FuzzJPEG") { (bytes, name) throws(FormatError) in
            _ = try JPEGDecoder.decode(bytes, file: name).column(as: Float.self)
        }
    }

    @Test(.timeLimit(.minutes(10))) func safetensors() throws {
        try replay("FuzzSafeTensors") { (bytes, name) throws(FormatError) in
            for tensor in try SafeTensorsFile(bytes: bytes, file: name).tensors {
                _ = try? tensor.doubles()
                _ = try? tensor.matrix(Float.self)
            }
        }
    }

    /// A replay over nothing must fail, not pass: a missing folder, an empty one and one that
    /// holds only a dotfile (`.gitkeep`) each throw before anything is read.
    @Test func emptyOrMissingFolderFailsTheReplay() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-empty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var reads = 0
        func replayFolder() throws {
            try FuzzRegressions.replay("FuzzNpy", folder: folder, { (_: FuzzRegressions.Input) throws(FormatError) in reads += 1 },
                                       checkError: { _, _ in })
        }
        #expect(throws: FuzzRegressions.FolderError.missing(folder.path)) { try replayFolder() }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(throws: FuzzRegressions.FolderError.empty(folder.path)) { try replayFolder() }
        try Data().write(to: folder.appendingPathComponent(".gitkeep"))
        #expect(throws: FuzzRegressions.FolderError.empty(folder.path)) { try replayFolder() }
        #expect(reads == 0)
        // With one input the same call replays it.
        try Data([1, 2, 3]).write(to: folder.appendingPathComponent("input"))
        try replayFolder()
        #expect(reads == 1)
    }
}
