import Backprop
import Foundation
import Testing

/// The settings of a run: recorded in the model, read back from a checkpoint's record into a
/// configuration that gives the same record, and compared on `--resume`.
@Suite struct TrainingSettingTests {
    static func spirals() throws -> Dataset<Double> { try #require(Dataset<Double>.builtIn("spirals", seed: 1)) }

    /// A configuration whose every setting differs from the default.
    static func unusual() -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.layers = [2, 8, 3]
        c.initializer = .xavierUniform
        c.seed = 77
        c.learningRate = 0.003
        c.optimizer = .rmsProp()
        c.batchSize = 50
        c.epochs = 3
        c.lambda = 0.25
        c.keepProbability = 0.8
        c.scaling = .minMax
        c.precision = .float64
        c.firstLayer = .plain
        return c
    }

    @Test func everySettingReadsBackFromItsText() {
        let c = Self.unusual()
        for setting in TrainingSetting.allCases {
            let text = setting.text(in: c)
            let back = setting.applying(text, to: TrainingConfiguration())
            #expect(back.map(setting.text(in:)) == text, "\(setting)")
        }
        #expect(TrainingSetting.seed.applying("many", to: c) == nil)
        #expect(TrainingSetting.scaling.applying("log", to: c) == nil)
        #expect(TrainingSetting.l2.applying(nil, to: c) == nil)
    }

    @Test func aRecordResumedFromGivesTheSameRunAndRecord() throws {
        let data = try Self.spirals()
        let original = Self.unusual()
        let resolved = try original.resolve(trainingData: data)
        let record = original.record(resolved)
        var bare = TrainingConfiguration()
        bare.layers = [2, 8, 3]
        bare.given = []
        let (resumed, taken) = try bare.resuming(from: record, file: "ck")
        #expect(resumed.epochs == 3 && resumed.iterations == nil)
        let again = try resumed.resolve(trainingData: data)
        #expect(again == resolved)
        #expect(resumed.record(again) == record)
        try resumed.checkResumed(again, against: record)
        #expect(taken == ["--init xavier-uniform", "--seed 77", "--learning-rate 0.003", "--optimizer rmsprop", "--batch-size 50",
                          "--l2 0.25", "--dropout 0.8", "--min-max", "--dtype float64", "--first-layer plain", "--epochs 3"])
    }

    @Test func aGivenSettingIsKeptAndComparedNamingTheOption() throws {
        let data = try Self.spirals()
        let original = Self.unusual()
        let record = original.record(try original.resolve(trainingData: data))
        var c = original
        c.learningRate = 0.01
        c.given = [.learningRate]
        let (resumed, taken) = try c.resuming(from: record, file: "ck")
        #expect(resumed.learningRate == 0.01 && !taken.contains { $0.hasPrefix("--learning-rate") })
        let error = #expect(throws: BackpropError.self) { try resumed.checkResumed(try resumed.resolve(trainingData: data), against: record) }
        #expect(error?.category == .badInput)
        #expect(error?.message == "--learning-rate 0.01 differs from the checkpoint's 0.003")
        // A setting absent from the record means its "none": a scaled run does not resume an unscaled checkpoint.
        var unscaled = record
        unscaled["scaling"] = nil
        let scaling = #expect(throws: BackpropError.self) { try original.checkResumed(try original.resolve(trainingData: data), against: unscaled) }
        #expect(scaling?.message == "--min-max differs from the checkpoint's unscaled data")
    }

    @Test func aDamagedRecordIsBadInput() throws {
        var c = TrainingConfiguration()
        c.given = []
        let error = #expect(throws: BackpropError.self) { try c.resuming(from: ["seed": "-1"], file: "ck.safetensors") }
        #expect(error?.category == .badInput)
        #expect(error?.message == "ck.safetensors: the training record holds seed \"-1\", not a value of --seed")
    }

    @Test func theDataFingerprintRoundTripsThroughACheckpointAndTellsDataApart() throws {
        let data = try Self.spirals()
        let fingerprint = DataFingerprint(data)
        #expect(DataFingerprint(metadata: fingerprint.metadata) == fingerprint)
        #expect(DataFingerprint(metadata: [:]) == nil)

        var changed = data
        changed.X[1, 0] += 1e-9   // X is (2, 300): the block is every feature of the first 300 examples
        #expect(DataFingerprint(changed).difference(from: fingerprint)?.hasPrefix("other values than the checkpoint's data") == true)
        var relabelled = data
        relabelled.labels![0, 299] = relabelled.labels![0, 299] == 0 ? 1 : 0
        #expect(DataFingerprint(relabelled).difference(from: fingerprint) != nil)
        let fewer = Dataset<Double>(X: Matrix(rows: 2, columns: 200) { data.X[$0, $1] }, classIndices: Array(data.classIndices.prefix(200)),
                                    classNames: data.classNames, source: "fewer")
        #expect(DataFingerprint(fewer).difference(from: fingerprint) == "200 examples, the checkpoint's data 300")
        #expect(DataFingerprint(data).difference(from: fingerprint) == nil)

        let network = try Network<Float>(architecture: NetworkArchitecture(inputSize: 2, layers: [LayerSpec(units: 3, activation: .softmax)], loss: .categoricalCrossEntropy),
                                         parameters: Initializer.he.parameters(layerDims: [2, 3], seed: 1))
        let model = TrainedModel(network: network, info: ModelInfo(training: ["seed": "1"]))
        let state = TrainingState<Float>(optimizer: .adam(), parameters: network.parameters)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fingerprint-\(UUID().uuidString).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Checkpoint.write(model: model, state: state, costs: [], data: fingerprint, to: path)
        let saved = try Checkpoint.load(path)
        #expect(saved.data == fingerprint)
        #expect(saved.settings == ["seed": "1"])
    }
}
