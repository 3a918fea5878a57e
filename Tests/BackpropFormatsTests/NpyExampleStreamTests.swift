import Foundation
import Testing
import BackpropMatrix
import BackpropNN
@testable import BackpropFormats

/// Streamed training (``NpyExampleStream``) against in-memory training on the same data with
/// the same block shuffling: the same parameters and costs, bit for bit (no tolerance), in both
/// orientations of a .npy file, float64, float32 and uint8 pixels, with and without shuffling,
/// on 1 and 2 threads; and the errors of a truncated file and of a NaN in a later block.
@Suite(.serialized) struct NpyExampleStreamTests {
    static let m = 157, n = 6

    /// Features (n, m) and class labels (1, m) of three noisy blobs, from a fixed seed.
    static func data() -> (X: Matrix<Double>, labels: Matrix<Double>) {
        var generator = SeededGenerator(seed: 42)
        let classes = (0..<m).map { _ in Int.random(in: 0..<3, using: &generator) }
        let X = Matrix<Double>(rows: n, columns: m) { row, column in
            Double(classes[column] * (row % 3)) + Double.random(in: -1...1, using: &generator)
        }
        return (X, Matrix(rows: 1, columns: m, elements: classes.map(Double.init)))
    }

    static func network<T: MatrixScalar>(_: T.Type) throws -> Network<T> {
        try Network<T>(inputSize: n, layers: [LayerSpec(units: 8, activation: .relu), LayerSpec(units: 3, activation: .softmax)],
                       loss: .categoricalCrossEntropy, initializer: .he, seed: 3)
    }

    static func options(shuffle: Bool) -> TrainingOptions {
        var options = TrainingOptions(learningRate: 0.01, epochs: 3, batchSize: 16, shuffle: shuffle, seed: 5, lambda: 0.01,
                                      keepProbabilities: [0.9], optimizer: .adam(), costInterval: 1)
        // Windows of 2 blocks of 10 examples: batches of 16 straddle windows.
        options.blockShuffle = BlockShuffle(blockSize: 10, bufferBlocks: 2)
        return options
    }

    /// Every step's cost, and the trained parameters.
    static func run<T: MatrixScalar>(_ loop: inout TrainingLoop<T>) throws -> (costs: [T], parameters: Parameters<T>) {
        var costs: [T] = []
        while !loop.isFinished {
            while !loop.isEpochComplete { costs.append(try loop.step().cost) }
            _ = loop.endEpoch()
        }
        return (costs, loop.network.parameters)
    }

    static func scratch(_ name: String) -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("NpyExampleStreamTests-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name).path
    }

    /// The (n, m) matrix stored as `layout` says, with `dtype`.
    static func write(_ X: Matrix<Double>, dtype: NpyDType, layout: NpyExampleStream<Double>.Layout, fortran: Bool = false, to path: String) throws {
        let stored = layout == .examplesFirst ? X.transposed : X  // C order of the array as NumPy shows it
        let array = NpyArray(shape: [stored.rows, stored.columns], dtype: dtype, doubles: Array(stored.elements), fortranOrder: fortran)
        try NumPyFile.write(array, to: path)
    }

    @Test(arguments: [
        (NpyExampleStream<Double>.Layout.examplesFirst, false, true), (.examplesLast, false, true),
        (.examplesFirst, true, true), (.examplesFirst, false, false), (.examplesLast, false, false),
    ])
    func streamedTrainingIsInMemoryTrainingBitForBit(layout: NpyExampleStream<Double>.Layout, fortran: Bool, shuffle: Bool) throws {
        let (X, labels) = Self.data()
        let path = Self.scratch("x-\(layout)-\(fortran)-\(shuffle).npy")
        try Self.write(X, dtype: .float64, layout: layout, fortran: fortran, to: path)
        for threads in [1, 2] {
            BackpropThreads.count = threads
            defer { BackpropThreads.count = BackpropThreads.processorCount }
            var memory = try TrainingLoop(network: Self.network(Double.self), X: X, labels: labels, options: Self.options(shuffle: shuffle))
            let stream = try NpyExampleStream<Double>(path: path, layout: layout)
            #expect(stream.exampleCount == Self.m && stream.featureCount == Self.n)
            var streamed = try TrainingLoop(network: Self.network(Double.self), stream: stream, labels: labels, options: Self.options(shuffle: shuffle))
            let expected = try Self.run(&memory), got = try Self.run(&streamed)
            #expect(got.costs == expected.costs && got.parameters == expected.parameters, "threads \(threads)")
            #expect(stream.bytesRead == 3 * Self.m * Self.n * 8)
        }
    }

    @Test func float32AndPixelFilesStreamAsTheInMemoryLoaderConvertsThem() throws {
        let (X, labels) = Self.data()
        let path32 = Self.scratch("x32.npy"), path8 = Self.scratch("x8.npy")
        try Self.write(X, dtype: .float32, layout: .examplesFirst, to: path32)
        let pixels = Matrix<Double>(rows: Self.n, columns: Self.m) { r, c in Swift.max(0, Swift.min(255, ((X[r, c] + 1) * 40).rounded(.down))) }
        try Self.write(pixels, dtype: .uint8, layout: .examplesFirst, to: path8)
        for path in [path32, path8] {
            let loaded = try NumPyFile.read(path: path)
            let inMemory = try Dataset<Float>.arrays(x: loaded, y: NpyArray(shape: [Self.m], values: labels.elements.map { Int64($0) }), file: path)
            var memory = try TrainingLoop(network: Self.network(Float.self), X: inMemory.X, labels: inMemory.labels!, options: Self.options(shuffle: true))
            let stream = try NpyExampleStream<Float>(path: path)
            var streamed = try TrainingLoop(network: Self.network(Float.self), stream: stream, labels: inMemory.labels!, options: Self.options(shuffle: true))
            let expected = try Self.run(&memory), got = try Self.run(&streamed)
            #expect(got.costs == expected.costs && got.parameters == expected.parameters, "\(path)")
        }
    }

    @Test func aNaNInALaterBlockStopsTheStepNamingTheExample() throws {
        var (X, labels) = Self.data()
        X[2, 131] = .nan
        let path = Self.scratch("nan.npy")
        try Self.write(X, dtype: .float64, layout: .examplesFirst, to: path)
        var loop = try TrainingLoop(network: Self.network(Double.self), stream: NpyExampleStream<Double>(path: path), labels: labels,
                                    options: Self.options(shuffle: false))
        var steps = 0
        let error = try #require(throws: TrainingError.self) {
            while !loop.isEpochComplete { _ = try loop.step(); steps += 1 }
        }
        #expect(error == .input(ExampleStreamError(.badData, example: 131, message: "\(path): a NaN or infinity in feature 3")))
        #expect(steps == 7)  // batches 0–6 hold examples 0..<112; the window of blocks 12–13 holds 131
        #expect(loop.state.iteration == 7)
    }

    @Test func aFileShorterThanItsShapeIsRefusedAndOneCutAfterOpeningStopsTheStep() throws {
        let (X, labels) = Self.data()
        let path = Self.scratch("short.npy")
        try Self.write(X, dtype: .float64, layout: .examplesFirst, to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count - 8).write(to: URL(fileURLWithPath: path))
        let refused = try #require(throws: FormatError.self) { try NpyExampleStream<Double>(path: path) }
        #expect(refused.reason == .truncated)

        try bytes.write(to: URL(fileURLWithPath: path))
        let stream = try NpyExampleStream<Double>(path: path)
        var loop = try TrainingLoop(network: Self.network(Double.self), stream: stream, labels: labels, options: Self.options(shuffle: false))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: TrainingError.self) {
            while !loop.isEpochComplete { _ = try loop.step() }
        }
        guard case .input(let failure) = error else { Issue.record("\(error)"); return }
        #expect(failure.kind == .badData && failure.message.contains("the file ended at byte"))
    }

    @Test func aStreamedRunNeedsMiniBatchesAndBlocks() throws {
        let (X, labels) = Self.data()
        let path = Self.scratch("options.npy")
        try Self.write(X, dtype: .float64, layout: .examplesFirst, to: path)
        var options = Self.options(shuffle: true)
        options.batchSize = nil
        #expect(throws: TrainingError.self) {
            try TrainingLoop(network: Self.network(Double.self), stream: NpyExampleStream<Double>(path: path), labels: labels, options: options)
        }
        options = Self.options(shuffle: true)
        options.blockShuffle = nil
        #expect(throws: TrainingError.self) {
            try TrainingLoop(network: Self.network(Double.self), stream: NpyExampleStream<Double>(path: path), labels: labels, options: options)
        }
    }
}
