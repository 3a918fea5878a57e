import Dispatch
import Foundation
import Testing
import BackpropNN
import BackpropTestSupport

/// Data-parallel training (``GradientReducer``) with N ranks as threads of one process
/// (``LocalGroup``): every rank ends with the same parameters, and they are one process's up to
/// the order of the additions (float64, within 1e-12 relative), for full-batch gradient descent
/// and mini-batch Adam with L2 and dropout; uneven splits and a rank without examples included.
@Suite(.serialized) struct DataParallelTests {
    /// The costs and final parameters of a run of `ranks` ranks (1: no reducer), one per rank.
    static func run(ranks: Int, options: TrainingOptions, timeout: Double = 60, stopRank: (rank: Int, afterSteps: Int)? = nil,
                    data: (network: Network<Double>, X: Matrix<Double>, Y: Matrix<Double>)? = nil
    ) throws -> [Result<(costs: [Double], parameters: Parameters<Double>), TrainingError>] {
        let (network, X, Y) = try data ?? TrainingLoopTests.spiralNetwork()
        let group = LocalGroup(count: ranks, timeout: timeout)
        return LocalGroup.run(ranks: ranks) { rank in
            Result { () throws(TrainingError) -> (costs: [Double], parameters: Parameters<Double>) in
                var loop = try TrainingLoop(network: network, X: X, labels: Y, options: options, reducer: ranks == 1 ? nil : group.reducer(rank: rank))
                var costs: [Double] = []
                while !loop.isFinished {
                    while !loop.isEpochComplete {
                        if let stopRank, stopRank.rank == rank, costs.count == stopRank.afterSteps { return (costs, loop.network.parameters) }
                        costs.append(try loop.step().cost)
                    }
                    _ = loop.endEpoch()
                }
                return (costs, loop.network.parameters)
            }
        }
    }

    static let gradientDescent = TrainingOptions(learningRate: 0.5, epochs: 40, seed: 5, lambda: 0.1, optimizer: .gradientDescent, costInterval: 1)
    static let adam = TrainingOptions(learningRate: 0.01, epochs: 6, batchSize: 16, seed: 5, lambda: 0.01,
                                      keepProbabilities: [0.8], optimizer: .adam(), costInterval: 1)

    @Test(arguments: [(2, false), (3, false), (2, true), (3, true)])
    func ranksTrainAsOneProcess(ranks: Int, miniBatches: Bool) throws {
        let options = miniBatches ? Self.adam : Self.gradientDescent
        let one = try #require(try Self.run(ranks: 1, options: options).first).get()
        let all = try Self.run(ranks: ranks, options: options).map { try $0.get() }
        for rank in all.indices {
            // Every rank applies the same update from the same sum: the same bits.
            #expect(all[rank].parameters == all[0].parameters && all[rank].costs == all[0].costs, "rank \(rank)")
        }
        // 90 examples: batches of 16 (the last of 10) split 8/8 or 5/5/6, and 3/3/4.
        #expect(all[0].costs.count == one.costs.count)
        let costDifference = zip(all[0].costs, one.costs).map { abs($0 - $1) / max(abs($1), 1) }.max() ?? 0
        let difference = parameterDifference(all[0].parameters, one.parameters)
        #expect(costDifference <= 1e-12 && difference <= 1e-12, "costs \(costDifference), parameters \(difference)")
        #expect(difference > 0 || costDifference > 0 || ranks == 2, "a split that changes no bit: the ranks may not be splitting")
    }

    /// W(1) of 300 × 256 values is summed on its own storage (``TrainingLoop`` sums gradients
    /// of 2¹⁶ values or more in place), the rest packed: the same results as one process.
    @Test func aLargeGradientSummedInPlaceTrainsAsOneProcess() throws {
        let (_, spirals, Y) = try TrainingLoopTests.spiralNetwork()
        var generator = SeededGenerator(seed: 9)
        // The spirals' two coordinates, then 298 noise features.
        let X = Matrix<Double>(rows: 300, columns: spirals.columns) { r, c in r < 2 ? spirals[r, c] : Double.random(in: -0.1...0.1, using: &generator) }
        let network = try Network<Double>(inputSize: 300, layers: [LayerSpec(units: 256, activation: .relu), LayerSpec(units: 3, activation: .softmax)],
                                          loss: .categoricalCrossEntropy, initializer: .he, seed: 3)
        #expect(network.parameters.layers[0].W.count >= 1 << 16)
        var options = Self.adam
        options.epochs = 2
        let one = try #require(try Self.run(ranks: 1, options: options, data: (network, X, Y)).first).get()
        let all = try Self.run(ranks: 3, options: options, data: (network, X, Y)).map { try $0.get() }
        #expect(all.allSatisfy { $0.parameters == all[0].parameters })
        #expect(parameterDifference(all[0].parameters, one.parameters) <= 1e-12)
        #expect(zip(all[0].costs, one.costs).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) })
    }

    /// Rank 1's dW(1) (300 × 256 values, summed in place) gets a NaN in the third step: every
    /// rank stops with the error naming dW of layer 1 at iteration 2, its parameters those
    /// before the step. Counted by the sum (TrainingLoop then skips its own check of dW(1)) or
    /// not (the check finds it).
    @Test(arguments: [true, false])
    func aNaNInAGradientSummedInPlaceStopsEveryRank(counting: Bool) throws {
        let (_, spirals, Y) = try TrainingLoopTests.spiralNetwork()
        var generator = SeededGenerator(seed: 9)
        let X = Matrix<Double>(rows: 300, columns: spirals.columns) { r, c in r < 2 ? spirals[r, c] : Double.random(in: -0.1...0.1, using: &generator) }
        let network = try Network<Double>(inputSize: 300, layers: [LayerSpec(units: 256, activation: .relu), LayerSpec(units: 3, activation: .softmax)],
                                          loss: .categoricalCrossEntropy, initializer: .he, seed: 3)
        let group = LocalGroup(count: 2)
        let results = LocalGroup.run(ranks: 2) { rank in
            let reducer = Poisoned(inner: group.reducer(rank: rank), poisonedSum: rank == 1 ? 3 : nil, counting: counting)
            guard var loop = try? TrainingLoop(network: network, X: X, labels: Y, options: Self.adam, reducer: reducer) else { return "no loop" }
            var before = loop.network.parameters
            do throws(TrainingError) {
                while !loop.isEpochComplete {
                    before = loop.network.parameters
                    _ = try loop.step()
                }
                return "rank \(rank) finished the epoch"
            } catch .nonFinite(let iteration, _, let layer, let quantity) {
                return "\(quantity)\(layer) at \(iteration), parameters kept: \(before == loop.network.parameters)"
            } catch {
                return "rank \(rank): \(error)"
            }
        }
        #expect(results == ["dW1 at 2, parameters kept: true", "dW1 at 2, parameters kept: true"])
    }

    @Test func aRankWithoutExamplesAddsNothing() throws {
        var options = Self.adam
        options.batchSize = 2
        options.epochs = 1
        let one = try #require(try Self.run(ranks: 1, options: options).first).get()
        let all = try Self.run(ranks: 3, options: options).map { try $0.get() }
        #expect(parameterDifference(all[2].parameters, one.parameters) <= 1e-12)
        #expect(zip(all[2].costs, one.costs).allSatisfy { abs($0 - $1) <= 1e-12 * max(abs($1), 1) })
    }

    @Test func aRankThatStopsStopsTheOthersWithAnError() throws {
        let results = try Self.run(ranks: 2, options: Self.adam, timeout: 1, stopRank: (1, 3))
        guard case .failure(let error) = results[0], case .reduction(let reduction) = error else {
            Issue.record("rank 0: \(results[0])")
            return
        }
        #expect(reduction.description.contains("waited"))
    }

    /// `synchronize()` (the sum of one zero by default) returns on every rank once all have
    /// called it, and throws on a rank left waiting alone.
    @Test func synchronizeIsABarrier() throws {
        let group = LocalGroup(count: 3)
        let results = LocalGroup.run(ranks: 3) { rank in
            Result { () throws(GradientReductionError) in try group.reducer(rank: rank).synchronize() }
        }
        for result in results { try result.get() }
        let alone = LocalGroup(count: 2, timeout: 0.2)
        let error = try #require(throws: GradientReductionError.self) { try alone.reducer(rank: 0).synchronize() }
        #expect(error.message.contains("waited"))
    }

    @Test func onlyPlainFirstLayersSplit() throws {
        let (network, X, Y) = try TrainingLoopTests.spiralNetwork()
        var options = Self.gradientDescent
        options.firstLayer = .gram
        #expect(throws: TrainingError.self) {
            try TrainingLoop(network: network, X: X, labels: Y, options: options, reducer: LocalGroup(count: 2).reducer(rank: 0))
        }
        options.firstLayer = nil
        let loop = try TrainingLoop(network: network, X: X, labels: Y, options: options, reducer: LocalGroup(count: 2).reducer(rank: 0))
        #expect(loop.firstLayerStrategy == .plain && loop.firstLayerReason == "the batches are split across 2 processes")
    }
}

/// A rank's reducer that puts a NaN into its values before its `poisonedSum`-th counting sum
/// (from 1), and counts the sums' NaN and infinities or not.
final class Poisoned: GradientReducer, @unchecked Sendable {
    let inner: LocalGroup.Rank, poisonedSum: Int?, counting: Bool
    private var sums = 0
    var rank: Int { inner.rank }
    var processCount: Int { inner.processCount }

    init(inner: LocalGroup.Rank, poisonedSum: Int?, counting: Bool) {
        self.inner = inner
        self.poisonedSum = poisonedSum
        self.counting = counting
    }

    func sum(_ values: UnsafeMutableBufferPointer<Float>) throws(GradientReductionError) { try inner.sum(values) }
    func sum(_ values: UnsafeMutableBufferPointer<Double>) throws(GradientReductionError) { try inner.sum(values) }

    func sumCountingNonFinite(_ values: UnsafeMutableBufferPointer<Float>) throws(GradientReductionError) -> Int? {
        try inner.sumCountingNonFinite(values)
    }

    func sumCountingNonFinite(_ values: UnsafeMutableBufferPointer<Double>) throws(GradientReductionError) -> Int? {
        sums += 1
        if sums == poisonedSum { values[7] = .nan }
        let count = try inner.sumCountingNonFinite(values)
        return counting ? count : nil
    }
}
