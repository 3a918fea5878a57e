import Foundation
import Testing
import BackpropHDF5
import BackpropMatrix
import BackpropNN
import BackpropTestSupport
@testable import BackpropFormats

/// A rank of data-parallel training reads only its examples: a stream given an
/// ``ExampleSelection`` reads the selected examples and no others (counted in bytes), and gives
/// them as the file holds them; N ranks (threads, ``LocalGroup``) streaming their shares of every
/// batch train as one process does in memory, in the order of an in-memory run (no block
/// shuffling), for mini-batches and the full batch (float64, within 1e-12 relative).
@Suite(.serialized) struct RankStreamTests {
    typealias Files = ExampleFileStreamTests

    /// Gathers a third of the examples (a seeded choice), 7 at a time, through windows of 2
    /// blocks of 10, and checks the values and the bytes read: the selected examples' alone, or
    /// the whole blocks where the file stores each feature's values together (`wholeBlocks`).
    static func checkSelectedReads(_ stream: ExampleFileStream<Double>, _ X: Matrix<Double>, itemSize: Int, wholeBlocks: Bool) throws {
        let m = X.columns
        var generator = SeededGenerator(seed: 7)
        let selected = (0..<m).filter { _ in Int.random(in: 0..<3, using: &generator) == 0 }
        let blocks = BlockShuffle(blockSize: 10, bufferBlocks: 2)
        stream.begin(windows: blocks.sequentialWindows(examples: m), blockSize: 10, reading: ExampleSelection(examples: m, lists: [selected]))
        var batch = Matrix<Double>(rows: 0, columns: 0), expected = Matrix<Double>(rows: 0, columns: 0)
        for start in stride(from: 0, to: selected.count, by: 7) {
            let indices = selected[start..<min(start + 7, selected.count)]
            try stream.gather(indices, into: &batch)
            X.gatherColumns(indices, into: &expected)
            #expect(batch == expected, "examples \(Array(indices))")
        }
        #expect(stream.bytesRead == (wholeBlocks ? m : selected.count) * X.rows * itemSize)
    }

    @Test(arguments: [StoredExamples.Layout.examplesFirst, .examplesLast])
    func aSelectionReadsItsExamplesAndNoOthers(layout: StoredExamples.Layout) throws {
        let (X, _) = Files.data()
        let path = Files.scratch("selection-\(layout).npy")
        try Files.write(X, dtype: .float64, layout: layout, to: path)
        try Self.checkSelectedReads(ExampleFileStream<Double>(npy: path, examplesFirst: layout == .examplesFirst), X, itemSize: 8,
                                    wholeBlocks: layout == .examplesLast)
    }

    /// A NaN in a selected example is named by its example, found through the runs read (the
    /// rows of a selection are not the block's places); one in an example not selected is never read.
    @Test func aNaNInASelectedExampleIsNamedAndOneOutsideTheSelectionIsNotRead() throws {
        var (X, _) = Files.data()
        X[4, 13] = .nan
        X[1, 15] = .infinity
        let m = X.columns
        let path = Files.scratch("selection-nan.npy")
        try Files.write(X, dtype: .float32, layout: .examplesFirst, to: path)
        let blocks = BlockShuffle(blockSize: 10, bufferBlocks: 2)
        // Block 1's runs are 10–11 and 14–16: example 15 is its fourth row read; 13 (before it,
        // with its NaN) is not read, or the error would name it.
        let selected = [0, 3, 10, 11, 14, 15, 16] + Array(20..<m)
        var batch = Matrix<Float>(rows: 0, columns: 0)
        let stream = try ExampleFileStream<Float>(npy: path, examplesFirst: true)
        stream.begin(windows: blocks.sequentialWindows(examples: m), blockSize: 10, reading: ExampleSelection(examples: m, lists: [selected]))
        // The first window holds blocks 0 and 1.
        let error = try #require(throws: ExampleStreamError.self) { try stream.gather([0, 3], into: &batch) }
        #expect(error == ExampleStreamError(.badData, example: 15, message: "\(path): a NaN or infinity in feature 2"))
        #expect(ExampleFileStream<Float>.example(ofRow: 2, in: [10..<12, 14..<17]) == 14)
        #expect(ExampleFileStream<Float>.example(ofRow: 4, in: [10..<12, 14..<17]) == 16)
    }

    @Test func chunkedHDF5SelectionsReadTheirRows() throws {
        let (X, _) = Files.data()
        let path = Files.scratch("selection.h5")
        var writer = HDF5Writer()
        try writer.createDataset("x", HDF5Array(Array(X.transposed.elements), shape: [X.columns, X.rows]), storage: .chunked(shape: [4, X.rows]))
        try writer.write(to: path)
        try Self.checkSelectedReads(ExampleFileStream<Double>(StoredExamples.hdf5(path: path, dataset: "x")), X, itemSize: 8, wholeBlocks: false)
    }

    @Test(arguments: [(2, true), (3, true), (2, false), (3, false)])
    func ranksStreamTheirSharesAndTrainAsOneProcessInMemory(ranks: Int, miniBatches: Bool) throws {
        let (X, labels) = Files.data()
        let path = Files.scratch("ranks.npy")
        try Files.write(X, dtype: .float64, layout: .examplesFirst, to: path)
        var asked = Files.options(shuffle: true)
        asked.blockShuffle = nil
        asked.batchSize = miniBatches ? 16 : nil
        let options = asked
        let network = try Files.network(Double.self)
        var memory = try TrainingLoop(network: network, X: X, labels: labels, options: options)
        let expected = try Files.run(&memory)
        let group = LocalGroup(count: ranks)
        let results = LocalGroup.run(ranks: ranks) { rank in
            Result { () throws(any Error) -> (costs: [Double], parameters: Parameters<Double>, bytes: Int) in
                let stream = try ExampleFileStream<Double>(npy: path, examplesFirst: true)
                var loop = try TrainingLoop(network: network, stream: stream, labels: labels, options: options, reducer: group.reducer(rank: rank))
                let run = try Files.run(&loop)
                return (run.costs, run.parameters, stream.bytesRead)
            }
        }
        for (rank, result) in results.enumerated() {
            let got = try result.get()
            #expect(parameterDifference(got.parameters, expected.parameters) <= 1e-12, "rank \(rank)")
            #expect(zip(got.costs, expected.costs).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) } && got.costs.count == expected.costs.count)
            // Its share of every batch of every epoch (the full batch: once), and nothing else.
            let share = group.reducer(rank: rank)
            let examples = miniBatches
                ? try (0..<options.epochs).reduce(0) { total, epoch in
                    try total + miniBatchIndices(examples: Files.m, batchSize: 16, seed: options.seed, epoch: epoch)
                        .reduce(0) { $0 + share.share(of: $1.indices).count }
                }
                : share.share(of: 0..<Files.m).count
            #expect(got.bytes == examples * Files.n * 8, "rank \(rank)")
        }
    }

    /// `TrainingLoop.prepare()`: one process holds the epoch's first window (read in the
    /// background since the epoch began) and no more; a rank holds its share of the first epoch
    /// and has met the others; a rank whose partner never comes is told so.
    @Test func aPreparedRankHoldsItsFirstEpochsShareAndHasMetTheOthers() throws {
        let (X, labels) = Files.data()
        let path = Files.scratch("prepare.npy")
        try Files.write(X, dtype: .float64, layout: .examplesFirst, to: path)
        let single = try ExampleFileStream<Double>(npy: path, examplesFirst: true), shuffled = Files.options(shuffle: true)
        var one = try TrainingLoop(network: try Files.network(Double.self), stream: single, labels: labels, options: shuffled)
        try one.prepare()
        let blocks = try #require(shuffled.blockShuffle)
        let firstWindow = blocks.order(examples: Files.m, seed: shuffled.seed, epoch: 0).windows[0]
        let firstExamples = firstWindow.reduce(0) { $0 + min(blocks.blockSize, Files.m - $1 * blocks.blockSize) }
        #expect(single.holds(window: 0) && !single.holds(window: 1) && single.bytesRead == firstExamples * Files.n * 8)
        var asked = Files.options(shuffle: true)
        asked.blockShuffle = nil
        asked.batchSize = 16
        let options = asked
        let network = try Files.network(Double.self), group = LocalGroup(count: 2)
        let results = LocalGroup.run(ranks: 2) { rank in
            Result { () throws(any Error) -> Int in
                let stream = try ExampleFileStream<Double>(npy: path, examplesFirst: true)
                var loop = try TrainingLoop(network: network, stream: stream, labels: labels, options: options, reducer: group.reducer(rank: rank))
                try loop.prepare()
                #expect(stream.holds(window: 0))
                return stream.bytesRead
            }
        }
        for (rank, result) in results.enumerated() {
            let share = group.reducer(rank: rank)
            let examples = try miniBatchIndices(examples: Files.m, batchSize: 16, seed: options.seed, epoch: 0)
                .reduce(0) { $0 + share.share(of: $1.indices).count }
            #expect(try result.get() == examples * Files.n * 8, "rank \(rank)")
        }
        let alone = LocalGroup(count: 2, timeout: 0.2)
        let stream = try ExampleFileStream<Double>(npy: path, examplesFirst: true)
        var loop = try TrainingLoop(network: network, stream: stream, labels: labels, options: options, reducer: alone.reducer(rank: 0))
        let error = try #require(throws: TrainingError.self) { try loop.prepare() }
        guard case .reduction(let reduction) = error else { Issue.record("\(error)"); return }
        #expect(reduction.message.contains("waited"))
    }

    /// Streamed evaluation split across 3 ranks: each reads its share of the examples, and
    /// every rank gets the metrics of one process evaluating all of them.
    @Test func ranksEvaluateTheirSharesAndGetTheWholeMetrics() throws {
        let (X, labels) = Files.data()
        let path = Files.scratch("evaluate.npy")
        try Files.write(X, dtype: .float64, layout: .examplesFirst, to: path)
        let network = try Files.network(Double.self), blocks = BlockShuffle(blockSize: 10, bufferBlocks: 2)
        let whole = try network.evaluate(X: X, labels: labels)
        let group = LocalGroup(count: 3)
        let results = LocalGroup.run(ranks: 3) { rank in
            Result { () throws(any Error) -> (metrics: EvaluationMetrics, bytes: Int) in
                let stream = try ExampleFileStream<Double>(npy: path, examplesFirst: true)
                let metrics = try network.evaluate(stream: stream, labels: labels, blocks: blocks, batchSize: 7, reducer: group.reducer(rank: rank))
                return (metrics, stream.bytesRead)
            }
        }
        for (rank, result) in results.enumerated() {
            let got = try result.get()
            #expect(abs(got.metrics.cost - whole.cost) <= 1e-12 * max(1, whole.cost) && got.metrics.accuracy == whole.accuracy, "rank \(rank)")
            #expect(got.bytes == group.reducer(rank: rank).share(of: 0..<Files.m).count * Files.n * 8, "rank \(rank)")
        }
    }
}
