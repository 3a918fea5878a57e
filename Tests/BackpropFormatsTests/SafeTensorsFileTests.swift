import BackpropFormats
import BackpropMatrix
import Foundation
import Testing

/// Fixtures written by the reference implementation (Fixtures/safetensors/make_fixtures.py,
/// Python `safetensors` 0.8.0); values compared exactly (every value is exact in float64).
@Suite struct SafeTensorsFileTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/safetensors")

    struct Manifest: Decodable {
        struct Tensor: Decodable { var dtype: String; var shape: [Int]; var values: [Double] }
        struct File: Decodable { var metadata: [String: String]; var tensors: [String: Tensor] }
        var valid: [String: File]
        var corrupt: [String: String]
    }

    static func manifest() throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: folder.appendingPathComponent("manifest.json")))
    }

    @Test func readsEveryValidFixture() throws {
        let manifest = try Self.manifest()
        #expect(manifest.valid.count == 2)
        for (name, expected) in manifest.valid {
            let file = try SafeTensorsFile.read(Self.folder.appendingPathComponent(name).path)
            #expect(file.metadata == expected.metadata, "\(name)")
            #expect(Set(file.names) == Set(expected.tensors.keys), "\(name)")
            for (tensorName, tensor) in expected.tensors {
                let read = try #require(file[tensorName])
                #expect(read.dtype.rawValue == tensor.dtype, "\(tensorName)")
                #expect(read.shape == tensor.shape, "\(tensorName)")
                #expect(try read.doubles() == tensor.values, "\(tensorName)")
            }
        }
    }

    @Test func rejectsEveryCorruptFixtureWithTheRightReason() throws {
        let manifest = try Self.manifest()
        #expect(manifest.corrupt.count >= 19)
        for (name, reason) in manifest.corrupt {
            let path = Self.folder.appendingPathComponent(name).path
            do {
                _ = try SafeTensorsFile.read(path)
                Issue.record("\(name) was accepted")
            } catch {
                #expect("\(error.reason)" == reason, "\(name): \(error)")
                #expect(error.file == path)
                #expect(error.description.contains("expected"))
            }
        }
    }

    @Test func everyTruncationOfAValidFileThrows() throws {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent("mixed.safetensors")))
        for length in 0..<bytes.count {
            #expect(throws: FormatError.self) { try SafeTensorsFile(bytes: Array(bytes[..<length])) }
        }
        #expect(try SafeTensorsFile(bytes: bytes).tensors.count == 9)
    }

    @Test func roundTripsMatricesIntegersAndMetadata() throws {
        let weight = Matrix<Float>([[1.5, -2], [0.25, 3], [1e-30, -7]])
        let bias = Matrix<Double>([[0.1], [-0.2], [0.3]])
        let file = SafeTensorsFile(
            tensors: [
                SafeTensor(name: "0.weight", matrix: weight),
                SafeTensor(name: "0.bias", matrix: bias, asVector: true),
                SafeTensor(name: "step", integers: [42, -1]),
            ],
            metadata: ["a": "1", "quote\"key": "line\nbreak\u{1}", "é": "ü"])
        let bytes = file.encoded()
        #expect(bytes.count % 8 == 0)  // 8-byte aligned header, 8-byte-multiple data here
        let read = try SafeTensorsFile(bytes: bytes)
        #expect(read == file)
        #expect(try read["0.weight"]!.matrix(Float.self) == weight)
        #expect(try read["0.bias"]!.matrix(Double.self) == bias)
        #expect(read["0.bias"]!.shape == [3])
        #expect(try read["step"]!.integers() == [42, -1])
    }

    @Test func atomicWriteReplacesTheFileAndLeavesNoTemporaries() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("st-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("model.safetensors").path
        try SafeTensorsFile(tensors: [SafeTensor(name: "x", integers: [1])]).write(to: path)
        try SafeTensorsFile(tensors: [SafeTensor(name: "y", integers: [2, 3])]).write(to: path)
        #expect(try SafeTensorsFile.read(path).names == ["y"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["model.safetensors"])
    }

    /// A process killed while saving leaves its temporary file; the next save removes it once
    /// its process is gone, and leaves a live writer's file (and other files' temporaries) alone.
    @Test func aSaveRemovesTemporariesOfDeadWritersOnly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("st-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A pid above Linux's pid_max (2^22) and macOS's (99999) cannot belong to a live process.
        let dead = ".model.safetensors.2147483600.17.tmp"
        let live = ".model.safetensors.\(ProcessInfo.processInfo.processIdentifier).18.tmp"
        let other = ".other.safetensors.2147483600.19.tmp"
        for name in [dead, live, other, ".model.safetensors.notapid.1.tmp"] {
            try Data([1, 2, 3]).write(to: folder.appendingPathComponent(name))
        }
        try SafeTensorsFile(tensors: [SafeTensor(name: "x", integers: [1])]).write(to: folder.appendingPathComponent("model.safetensors").path)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == [live, ".model.safetensors.notapid.1.tmp", other, "model.safetensors"].sorted())
    }

    @Test func writeIntoAMissingFolderThrowsNamingThePath() {
        let path = "/nonexistent-\(UUID().uuidString)/m.safetensors"
        do {
            try SafeTensorsFile(tensors: []).write(to: path)
            Issue.record("write succeeded")
        } catch {
            #expect(error.reason == .unwritable)
            #expect(error.file == path)
        }
    }

    @Test func tensorInitialiserChecksTheByteCount() {
        #expect(throws: FormatError.self) { try SafeTensor(name: "t", dtype: .float32, shape: [2, 2], data: [UInt8](repeating: 0, count: 12)) }
        #expect(throws: FormatError.self) { try SafeTensor(name: "t", dtype: .float32, shape: [-1], data: []) }
        #expect(throws: FormatError.self) { try SafeTensor(name: "t", dtype: .float32, shape: [1, 2, 3], data: [UInt8](repeating: 0, count: 24)).matrix(Float.self) }
    }
}
