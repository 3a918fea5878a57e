import Foundation
import Testing
import BackpropFormats

/// Replays every input the fuzzers (`Fuzz/`, see Fuzz/README.md) ever saw crash, hang or run out
/// of memory in the file-format readers: each must now parse or throw a ``FormatError`` naming
/// the file it was given.
struct FuzzRegressionTests {
    /// The files of `Fuzz/Regressions/<target>/`, found from this file.
    static func inputs(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/Regressions/\(target)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        return try names.map { ($0, [UInt8](try Data(contentsOf: folder.appendingPathComponent($0)))) }
    }

    /// Runs `parse` on every input of `target`; a thrown error must name the input.
    func replay(_ target: String, _ parse: ([UInt8], String) throws(FormatError) -> Void) throws {
        for (name, bytes) in try Self.inputs(target) {
            do { try parse(bytes, name) } catch { #expect(error.file == name, "\(target)/\(name): \(error)") }
        }
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
}
