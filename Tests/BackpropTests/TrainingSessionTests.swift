import Foundation
import Testing
import Backprop

/// The training session's first layer: chosen (and logged), refused with a usage error, and a
/// Gram-space run checkpointed and resumed through the model files to the bits of an
/// uninterrupted one.
@Suite struct TrainingSessionTests {
    /// A folder of its own, and a wide data set in it (400 features, 60 examples: Gram applies).
    static func wideData() throws -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var rng = NumPyRandom(seed: 41)
        let X = rng.rand(rows: 400, columns: 60, as: Double.self)
        let data = Dataset<Double>(X: X, classIndices: (0..<60).map { X[3, $0] > 0.5 ? 1 : 0 }, classNames: ["no", "yes"], source: "wide")
        let path = folder.appendingPathComponent("wide.npz").path
        try data.write(to: path)
        return (folder, path)
    }

    static func configuration(data: String, iterations: Int) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.data = data
        c.layers = [400, 6, 1]
        c.optimizer = .momentum()
        c.lambda = 0.05
        c.iterations = iterations
        c.precision = .float64
        return c
    }

    @Test func theChosenStrategyIsReportedAndLogged() throws {
        let (folder, path) = try Self.wideData()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("l.jsonl").path
        var reported: [(FirstLayerStrategy, String)] = []
        _ = try TrainingSession(configuration: Self.configuration(data: path, iterations: 5), modelPath: nil, plotPath: nil, logPath: log).run { event in
            if case .firstLayer(let strategy, let reason) = event { reported.append((strategy, reason)) }
        }
        #expect(reported.map(\.0) == [.gram])
        let start = try #require(try TrainingLog.read(log).first)
        #expect(start.event == "start" && start.first_layer == "gram" && start.first_layer_reason == reported.first?.1)
    }

    /// With the first layer in Gram space every held-out cost builds W(1), so the held-out cost
    /// is recorded at the printed iterations only (here after every 100 of 1000); the
    /// plain strategy records it about 200 times.
    @Test func aGramRunRecordsTheHeldOutCostAtThePrintedIterations() throws {
        let (folder, path) = try Self.wideData()
        defer { try? FileManager.default.removeItem(at: folder) }
        var gram = Self.configuration(data: path, iterations: 1000)
        gram.test = path
        let summary = try TrainingSession(configuration: gram, modelPath: nil, plotPath: nil, logPath: nil).run()
        #expect(summary.testCosts.map(\.iteration) == Array(stride(from: 100, through: 1000, by: 100)))
        var plain = gram
        plain.firstLayer = .plain
        let plainSummary = try TrainingSession(configuration: plain, modelPath: nil, plotPath: nil, logPath: nil).run()
        #expect(plainSummary.testCosts.count == 200)
    }

    @Test func aStrategyThatCannotTrainTheRunIsAUsageError() throws {
        var c = TrainingConfiguration()
        c.data = "spirals"
        c.batchSize = 32
        c.epochs = 1
        c.firstLayer = .gram
        let error = #expect(throws: BackpropError.self) { try TrainingSession(configuration: c, modelPath: nil, plotPath: nil, logPath: nil).run() }
        #expect(error?.category == .usage)
        #expect(error?.message == "--first-layer gram: expected a strategy that can train this run: it needs the full batch")
    }

    @Test func aGramRunResumedFromItsCheckpointEndsWithTheBitsOfAnUninterruptedOne() throws {
        let (folder, path) = try Self.wideData()
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = folder.appendingPathComponent("whole.safetensors").path
        let resumed = folder.appendingPathComponent("resumed.safetensors").path
        let checkpoint = folder.appendingPathComponent("checkpoint.safetensors").path
        _ = try TrainingSession(configuration: Self.configuration(data: path, iterations: 12), modelPath: whole, plotPath: nil, logPath: nil).run()
        var first = Self.configuration(data: path, iterations: 5)
        first.checkpointEvery = 2
        first.checkpointPath = checkpoint
        _ = try TrainingSession(configuration: first, modelPath: nil, plotPath: nil, logPath: nil).run()
        var second = Self.configuration(data: path, iterations: 12)
        second.resumePath = checkpoint
        let summary = try TrainingSession(configuration: second, modelPath: resumed, plotPath: nil, logPath: nil).run()
        #expect(summary.iterations == 12)
        let a = try ModelFile.read(whole), b = try ModelFile.read(resumed)
        guard case .float64(let x) = a, case .float64(let y) = b else {
            Issue.record("expected float64 models")
            return
        }
        #expect(x.network.parameters == y.network.parameters)
    }
}
