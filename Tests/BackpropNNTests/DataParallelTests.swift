import Dispatch
import Foundation
import Testing
import BackpropNN

/// Data-parallel training (``GradientReducer``) with N ranks as threads of one process
/// (``LocalGroup``): every rank ends with the same parameters, and they are one process's up to
/// the order of the additions (float64, within 1e-12 relative), for full-batch gradient descent
/// and mini-batch Adam with L2 and dropout; uneven splits and a rank without examples included.
@Suite(.serialized) struct DataParallelTests {
    /// The costs and final parameters of a run of `ranks` ranks (1: no reducer), one per rank.
    static func run(ranks: Int, options: TrainingOptions, timeout: Double = 60,
                    stopRank: (rank: Int, afterSteps: Int)? = nil) throws -> [Result<(costs: [Double], parameters: Parameters<Double>), TrainingError>] {
        let (network, X, Y) = try TrainingLoopTests.spiralNetwork()
        let group = LocalGroup(count: ranks, timeout: timeout)
        let results = Box(Array(repeating: Result<(costs: [Double], parameters: Parameters<Double>), TrainingError>.failure(.reduction(.init("not run"))), count: ranks))
        // One thread per rank (concurrentPerform runs at most as many as there are cores).
        let finished = DispatchGroup()
        for rank in 0..<ranks {
            finished.enter()
            Thread.detachNewThread {
                defer { finished.leave() }
                let outcome = Result { () throws(TrainingError) -> (costs: [Double], parameters: Parameters<Double>) in
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
                results.set(rank, outcome)
            }
        }
        finished.wait()
        return results.values
    }

    /// max |a − b| / max(max |b|, 1) over every parameter.
    static func relativeDifference(_ a: Parameters<Double>, _ b: Parameters<Double>) -> Double {
        var difference = 0.0, size = 1.0
        for (x, y) in zip(a.layers, b.layers) {
            for (u, v) in zip(Array(x.W.elements) + Array(x.b.elements), Array(y.W.elements) + Array(y.b.elements)) {
                difference = max(difference, abs(u - v))
                size = max(size, abs(v))
            }
        }
        return difference / size
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
        let difference = Self.relativeDifference(all[0].parameters, one.parameters)
        #expect(costDifference <= 1e-12 && difference <= 1e-12, "costs \(costDifference), parameters \(difference)")
        #expect(difference > 0 || costDifference > 0 || ranks == 2, "a split that changes no bit: the ranks may not be splitting")
    }

    @Test func aRankWithoutExamplesAddsNothing() throws {
        var options = Self.adam
        options.batchSize = 2
        options.epochs = 1
        let one = try #require(try Self.run(ranks: 1, options: options).first).get()
        let all = try Self.run(ranks: 3, options: options).map { try $0.get() }
        #expect(Self.relativeDifference(all[2].parameters, one.parameters) <= 1e-12)
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

/// Values written by concurrent ranks, one slot each.
final class Box<Value>: @unchecked Sendable {
    private var storage: [Value]
    private let lock = NSLock()
    init(_ values: [Value]) { storage = values }
    func set(_ index: Int, _ value: Value) { lock.withLock { storage[index] = value } }
    var values: [Value] { lock.withLock { storage } }
}
