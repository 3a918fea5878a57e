import Backprop
import Foundation
import Testing

/// Model files: fixtures written by Python's safetensors with outputs computed by NumPy
/// (Fixtures/model/make_model_fixtures.py), compared within 1e-12 (float64) and 1e-5 (float32);
/// round trips compared exactly.
@Suite struct ModelFileTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/model")

    struct Expected: Decodable { var X: [[Double]]; var outputs: [[Double]] }

    static func expected() throws -> [String: Expected] {
        try JSONDecoder().decode([String: Expected].self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
    }

    @Test func loadsPythonWrittenModelsAndComputesNumPysOutputs() throws {
        for (name, expected) in try Self.expected() {
            let model = try ModelFile.read(Self.folder.appendingPathComponent(name).path)
            let outputs = model.outputs(Matrix(expected.X))
            let tolerance = name.contains("f32") ? 1e-5 : 1e-12
            #expect(outputs.isApproximatelyEqual(to: Matrix(expected.outputs), tolerance: tolerance), "\(name)")
        }
        let multiclass = try ModelFile.read(Self.folder.appendingPathComponent("multiclass_f64.safetensors").path)
        #expect(multiclass.dtypeName == "float64")
        #expect(multiclass.architecture.layerDims == [4, 5, 3, 3])
        #expect(multiclass.architecture.activations == [.relu, .tanh, .softmax])
        #expect(multiclass.architecture.loss == .categoricalCrossEntropy)
        #expect(multiclass.info.classNames == ["red", "green", "blue"])
        #expect(multiclass.info.scaler == FeatureScaler(kind: .standardize, offsets: [0.5, -1, 0, 2], scales: [2.0, 0.5, 1.0, 4.0]))
        let binary = try ModelFile.read(Self.folder.appendingPathComponent("binary_f32.safetensors").path)
        #expect(binary.dtypeName == "float32")
        #expect(binary.info.className(1) == "yes")
    }

    static func sampleModel<T: MatrixScalar>(_: T.Type) throws -> TrainedModel<T> {
        let network = try Network<T>(
            inputSize: 3, layers: [LayerSpec(units: 4, activation: .leakyRelu(slope: 0.2)), LayerSpec(units: 2, activation: .softmax)],
            loss: .categoricalCrossEntropy, initializer: .xavierNormal, seed: 5)
        return TrainedModel(network: network, info: ModelInfo(
            classNames: ["a", "b"], inputShape: [3, 1, 1],
            scaler: FeatureScaler(kind: .minMax, offsets: [1, 2, 3], scales: [0.5, 0.25, 4]),
            training: ["learning_rate": "0.1"], metrics: ["train_accuracy": "0.5"]))
    }

    @Test func roundTripsBothPrecisionsExactly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let single = try Self.sampleModel(Float.self), double = try Self.sampleModel(Double.self)
        try ModelFile.write(single, to: folder.appendingPathComponent("f.safetensors").path)
        try ModelFile.write(double, to: folder.appendingPathComponent("d.safetensors").path)
        #expect(try ModelFile.read(folder.appendingPathComponent("f.safetensors").path) == .float32(single))
        #expect(try ModelFile.read(folder.appendingPathComponent("d.safetensors").path) == .float64(double))
    }

    @Test func namesTensorsLikeATorchSequential() throws {
        let content = ModelFile.encode(try Self.sampleModel(Double.self))
        #expect(content.names == ["0.weight", "0.bias", "2.weight", "2.bias"])
        #expect(content["0.weight"]?.shape == [4, 3])
        #expect(content["2.bias"]?.shape == [2])
        #expect(content.metadata["pytorch"] == "torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.LeakyReLU(0.2), torch.nn.Linear(4, 2), torch.nn.Softmax(dim=1))")
        #expect(content.metadata["layer_sizes"] == "[3,4,2]")
        #expect(content.metadata["activations"] == "[\"leaky-relu:0.2\",\"softmax\"]")
    }

    /// Each edit of a valid model's content, and the reason the loader must give.
    @Test func rejectsModelsThatDoNotFitTheirMetadata() throws {
        let valid = ModelFile.encode(try Self.sampleModel(Float.self))
        let edits: [(String, FormatError.Reason, (inout SafeTensorsFile) -> Void)] = [
            ("no format key", .invalid, { $0.metadata["format"] = nil }),
            ("newer version", .unsupported, { $0.metadata["format_version"] = "2" }),
            ("unknown activation", .unsupported, { $0.metadata["activations"] = "[\"relu\",\"swish\"]" }),
            ("wrong shapes", .mismatch, { $0.metadata["layer_sizes"] = "[3,5,2]" }),
            ("bad json", .invalid, { $0.metadata["layer_sizes"] = "not json" }),
            ("missing bias", .mismatch, { $0.tensors.removeLast() }),
            ("extra tensor", .mismatch, { $0.tensors.append(SafeTensor(name: "4.weight", integers: [1])) }),
            ("mixed dtypes", .mismatch, { $0.tensors[0] = SafeTensor(name: "0.weight", shape: [4, 3], values: [Double](repeating: 0, count: 12)) }),
            ("input shape", .invalid, { $0.metadata["input_shape"] = "[2,2]" }),
            ("NaN parameter", .invalid, { $0.tensors[1] = SafeTensor(name: "0.bias", shape: [4], values: [Float.nan, 0, 0, 0]) }),
        ]
        for (label, reason, edit) in edits {
            var content = valid
            edit(&content)
            do {
                _ = try ModelFile.decode(SafeTensorsFile(bytes: content.encoded()), file: "m.safetensors")
                Issue.record("\(label): accepted")
            } catch {
                #expect(error.reason == reason, "\(label): \(error)")
                #expect(error.file == "m.safetensors")
            }
        }
    }
}
