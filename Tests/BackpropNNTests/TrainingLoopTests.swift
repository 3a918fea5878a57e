import Testing
import BackpropIO
@testable import BackpropNN

/// TrainingLoop: validated once, driven step by step, resumable from its own state, and the
/// same bits as Network.train (which is that loop with an observer).
@Suite struct TrainingLoopTests {
    static func spiralNetwork() throws -> (network: Network<Double>, X: Matrix<Double>, Y: Matrix<Double>) {
        let (X, Y) = try makeSpirals(pointsPerClass: 30, classes: 3, seed: 2, as: Double.self)
        let network = try Network<Double>(inputSize: 2, layers: [LayerSpec(units: 10, activation: .relu), LayerSpec(units: 3, activation: .softmax)],
                                          loss: .categoricalCrossEntropy, initializer: .he, seed: 3)
        return (network, X, Y)
    }

    static let options = TrainingOptions(learningRate: 0.01, epochs: 6, batchSize: 16, seed: 5, lambda: 0.01,
                                         keepProbabilities: [0.8], optimizer: .adam(), costInterval: 1)

    /// Runs `loop` to its end and returns every step's cost.
    static func drive(_ loop: inout TrainingLoop<Double>) throws -> [Double] {
        var costs: [Double] = []
        while !loop.isFinished {
            while !loop.isEpochComplete { costs.append(try loop.step().cost) }
            _ = loop.endEpoch()
        }
        return costs
    }

    @Test func drivingTheLoopGivesTheBitsOfTrain() throws {
        let (network, X, Y) = try Self.spiralNetwork()
        var trained = network
        let result = try trained.train(X: X, labels: Y, options: Self.options)
        var loop = try TrainingLoop(network: network, X: X, labels: Y, options: Self.options)
        #expect(loop.batchesPerEpoch == 6 && loop.firstLayerStrategy == .plain)
        let costs = try Self.drive(&loop)
        #expect(costs == result.costs.map(\.cost))
        #expect(loop.network.parameters == trained.parameters)
        #expect(loop.state == result.state && loop.state.iteration == 36 && loop.state.epoch == 6)
    }

    /// Mini-batches in memory are gathered as rows of Xᵀ when X and Xᵀ fit the memory budget,
    /// as columns of X when they do not: the same costs and parameters, bit for bit.
    @Test func batchesFromRowsOfXTrainAsBatchesFromColumns() throws {
        // 3000 examples: X (48 KB) and Xᵀ together exceed a budget of 1.5 X, which training fits in.
        let (network, _, _) = try Self.spiralNetwork()
        let (X, Y) = try makeSpirals(pointsPerClass: 1000, classes: 3, seed: 4, as: Double.self)
        var rows = try TrainingLoop(network: network, X: X, labels: Y, options: Self.options)
        let tight = MemoryBudget(bytes: X.count * MemoryLayout<Double>.stride * 3 / 2)
        var columns = try MemoryBudget.$current.withValue(tight) { try TrainingLoop(network: network, X: X, labels: Y, options: Self.options) }
        #expect(rows.usesRowsOfX && !columns.usesRowsOfX)
        // The copy pays from the second epoch, and only for shuffled batches.
        var oneEpoch = Self.options, unshuffled = Self.options
        oneEpoch.epochs = 1
        unshuffled.shuffle = false
        #expect(try !TrainingLoop(network: network, X: X, labels: Y, options: oneEpoch).usesRowsOfX)
        #expect(try !TrainingLoop(network: network, X: X, labels: Y, options: unshuffled).usesRowsOfX)
        #expect(try Self.drive(&rows) == Self.drive(&columns))
        #expect(rows.network.parameters == columns.network.parameters)
    }

    @Test func aLoopResumedFromAnEpochReportContinuesExactly() throws {
        let (network, X, Y) = try Self.spiralNetwork()
        var whole = try TrainingLoop(network: network, X: X, labels: Y, options: Self.options)
        let allCosts = try Self.drive(&whole)
        var first = try TrainingLoop(network: network, X: X, labels: Y, options: Self.options)
        var costs: [Double] = []
        var report: EpochReport<Double>?
        for _ in 0..<2 {
            while !first.isEpochComplete { costs.append(try first.step().cost) }
            report = first.endEpoch().report
        }
        // What a checkpoint holds: the epoch report's state and parameters.
        let saved = try #require(report)
        #expect(saved.state == first.state && saved.parameters == first.network.parameters && saved.state.epoch == 2)
        let restored = try Network<Double>(architecture: network.architecture, parameters: saved.parameters)
        var second = try TrainingLoop(network: restored, X: X, labels: Y, options: Self.options, resumingFrom: saved.state)
        costs += try Self.drive(&second)
        #expect(costs == allCosts)
        #expect(second.network.parameters == whole.network.parameters && second.state == whole.state)
    }

    @Test func everythingIsValidatedBeforeTheFirstStep() throws {
        let (network, X, Y) = try Self.spiralNetwork()
        var bad = X
        bad[1, 7] = .nan
        #expect(throws: TrainingError.self) { _ = try TrainingLoop(network: network, X: bad, labels: Y, options: Self.options) }
        #expect(throws: TrainingError.self) {
            _ = try TrainingLoop(network: network, X: X, labels: Y, options: TrainingOptions(epochs: 1, batchSize: 16, firstLayer: .fused))
        }
        #expect(throws: TrainingError.self) {
            _ = try TrainingLoop(network: network, X: X, labels: Y, options: TrainingOptions(epochs: 1, firstLayer: .gram))
        }
        var state = TrainingState<Double>(optimizer: .momentum(), parameters: network.parameters)
        state.epoch = 1
        #expect(throws: TrainingError.self) {
            _ = try TrainingLoop(network: network, X: X, labels: Y, options: Self.options, resumingFrom: state)
        }
    }

    @Test func aDivergingStepLeavesTheParametersAndTheStateAsTheyWere() throws {
        var rng = NumPyRandom(seed: 4)
        let X: Matrix<Double> = rng.randn(rows: 3, columns: 40)
        let Y = Matrix<Double>(rows: 1, columns: 40) { _, c in 1e3 * X[0, c] }
        let network = try Network<Double>(inputSize: 3, layers: [LayerSpec(units: 4, activation: .identity), LayerSpec(units: 1, activation: .identity)],
                                          loss: .meanSquaredError, initializer: .he, seed: 1)
        var loop = try TrainingLoop(network: network, X: X, labels: Y, options: TrainingOptions(learningRate: 3, epochs: 500))
        var diverged: TrainingError?
        while !loop.isFinished && diverged == nil {
            let before = (loop.network.parameters, loop.state)
            do {
                _ = try loop.step()
                _ = loop.endEpoch()
            } catch {
                diverged = error
                #expect(loop.network.parameters == before.0 && loop.state == before.1)
            }
        }
        guard case .nonFinite(let iteration, _, _, _)? = diverged else {
            Issue.record("expected divergence, got \(String(describing: diverged))")
            return
        }
        #expect(iteration == loop.state.iteration)
        #expect(loop.network.parameters.layers.allSatisfy { $0.W.isFinite && $0.b.isFinite })
    }

    /// prepare() asks for the huge pages (a cost of tens of milliseconds for W3) before the
    /// clock starts; a loop that was not prepared asks after its first step, and both train alike.
    @Test func prepareAsksForHugePagesBeforeTheFirstStep() throws {
        let (network, X, Y) = try Self.spiralNetwork()
        let options = TrainingOptions(learningRate: 0.5, epochs: 1, batchSize: 16, seed: 5, optimizer: .gradientDescent)
        var prepared = try TrainingLoop(network: network, X: X, labels: Y, options: options)
        var unprepared = prepared
        #expect(!prepared.hugePagesAdvised)
        try prepared.prepare()
        #expect(prepared.hugePagesAdvised)
        _ = try unprepared.step()
        #expect(unprepared.hugePagesAdvised)
        _ = try prepared.step()
        #expect(unprepared.network.parameters == prepared.network.parameters)
    }
}
