import BackpropTestSupport
import Foundation
import Testing
import BackpropHDF5
import BackpropMatrix
import BackpropIO
import BackpropNN
@testable import BackpropFormats

/// Streamed training (``ExampleFileStream``) against in-memory training on the same data with
/// the same block shuffling: the same parameters and costs, bit for bit (no tolerance), in both
/// orientations of a .npy file, float64, float32 and uint8 pixels, with and without shuffling,
/// on 1 and 2 threads; and the errors of a truncated file and of a NaN in a later block.
@Suite(.serialized) struct ExampleFileStreamTests {
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

    /// `name` in the test process's scratch folder (``ScratchFolder/root``, removed at exit).
    static func scratch(_ name: String) -> String {
        ScratchFolder.root.appendingPathComponent("ExampleFileStreamTests-\(name)").path
    }

    /// The (n, m) matrix as an array whose first axis holds the examples, or the last (`layout`
    /// names the axis of the array as NumPy shows it), with `dtype`.
    static func write(_ X: Matrix<Double>, dtype: NpyDType, layout: StoredExamples.Layout, fortran: Bool = false, to path: String) throws {
        let stored = layout == .examplesFirst ? X.transposed : X
        let array = NpyArray(shape: [stored.rows, stored.columns], dtype: dtype, doubles: Array(stored.elements), fortranOrder: fortran)
        try NumPyFile.write(array, to: path)
    }

    @Test(arguments: [
        (StoredExamples.Layout.examplesFirst, false, true), (.examplesLast, false, true),
        (.examplesFirst, true, true), (.examplesFirst, false, false), (.examplesLast, false, false),
    ])
    func streamedTrainingIsInMemoryTrainingBitForBit(layout: StoredExamples.Layout, fortran: Bool, shuffle: Bool) throws {
        let (X, labels) = Self.data()
        let path = Self.scratch("x-\(layout)-\(fortran)-\(shuffle).npy")
        try Self.write(X, dtype: .float64, layout: layout, fortran: fortran, to: path)
        for threads in [1, 2] {
            BackpropThreads.count = threads
            defer { BackpropThreads.count = BackpropThreads.processorCount }
            var memory = try TrainingLoop(network: Self.network(Double.self), X: X, labels: labels, options: Self.options(shuffle: shuffle))
            let stream = try ExampleFileStream<Double>(npy: path, examplesFirst: layout == .examplesFirst)
            #expect(stream.exampleCount == Self.m && stream.featureCount == Self.n)
            #expect(stream.stored.layout == (fortran ? .examplesLast : layout))
            var streamed = try TrainingLoop(network: Self.network(Double.self), stream: stream, labels: labels, options: Self.options(shuffle: shuffle))
            let expected = try Self.run(&memory), got = try Self.run(&streamed)
            #expect(got.costs == expected.costs && got.parameters == expected.parameters, "threads \(threads)")
            // Every example read once an epoch, except that a window held at an epoch's end is
            // kept when the next epoch has the same one: in file order, the last (blocks 14–15,
            // 17 examples) is read once.
            let lastWindow = Self.m - 14 * 10
            #expect(shuffle ? stream.bytesRead <= 3 * Self.m * Self.n * 8 && stream.bytesRead >= Self.m * Self.n * 8
                            : stream.bytesRead == (3 * Self.m - 2 * lastWindow) * Self.n * 8, "\(stream.bytesRead)")
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
            let stream = try ExampleFileStream<Float>(npy: path)
            var streamed = try TrainingLoop(network: Self.network(Float.self), stream: stream, labels: inMemory.labels!, options: Self.options(shuffle: true))
            let expected = try Self.run(&memory), got = try Self.run(&streamed)
            #expect(got.costs == expected.costs && got.parameters == expected.parameters, "\(path)")
        }
    }

    /// An IDX file (uint8 images, big-endian header) and a contiguous HDF5 dataset written by
    /// the library's writers, streamed against the same data loaded whole.
    @Test func idxImagesAndContiguousHDF5StreamAsTheyLoad() throws {
        let (X, labels) = Self.data()
        let pixels = (0..<Self.m * Self.n).map { UInt8(Swift.max(0, Swift.min(255, Int(((X.elements[$0] + 1) * 40).rounded(.down))))) }
        let idxPath = Self.scratch("images-idx3-ubyte")
        var idx: [UInt8] = [0, 0, 0x08, 3]
        for dimension in [Self.m, 2, 3] { idx += withUnsafeBytes(of: UInt32(dimension).bigEndian, Array.init) }
        try Data(idx + pixels).write(to: URL(fileURLWithPath: idxPath))
        let h5Path = Self.scratch("data.h5")
        var writer = HDF5Writer()
        try writer.createDataset("train_set_x", HDF5Array(pixels, shape: [Self.m, 2, 3]))
        try writer.write(to: h5Path)

        let inMemory = try MNIST.combine(images: IDXFile.read(path: idxPath), labels: NpyArray(shape: [Self.m], values: [UInt8](repeating: 0, count: Self.m)),
                                         imagesFile: idxPath, labelsFile: "labels").images as Matrix<Float>
        let sources = [try StoredExamples.idx(path: idxPath), try StoredExamples.hdf5(path: h5Path, dataset: "train_set_x")]
        for stored in sources {
            #expect(stored.imageShape == [2, 3, 1] && stored.exampleCount == Self.m && stored.featureCount == Self.n)
        }
        let labelsFloat = labels.converted(to: Float.self)
        for (stored, shuffle, threads) in [(sources[0], true, 1), (sources[0], false, 2), (sources[1], true, 2), (sources[1], false, 1)] {
            BackpropThreads.count = threads
            defer { BackpropThreads.count = BackpropThreads.processorCount }
            var memory = try TrainingLoop(network: Self.network(Float.self), X: inMemory, labels: labelsFloat, options: Self.options(shuffle: shuffle))
            var streamed = try TrainingLoop(network: Self.network(Float.self), stream: ExampleFileStream<Float>(stored), labels: labelsFloat,
                                            options: Self.options(shuffle: shuffle))
            let expected = try Self.run(&memory), got = try Self.run(&streamed)
            #expect(got.costs == expected.costs && got.parameters == expected.parameters, "\(stored.path), shuffle \(shuffle), threads \(threads)")
        }
        var chunked = HDF5Writer()
        try chunked.createDataset("x", HDF5Array(pixels, shape: [Self.m, 6]), storage: .chunked(shape: [10, 6]))
        try chunked.write(to: h5Path)
        // Chunked rows stream (chunkedHDF5StreamsAsItLoads); chunked columns do not.
        #expect(try StoredExamples.hdf5(path: h5Path, dataset: "x").chunkedRows != nil)
        let refused = try #require(throws: FormatError.self) { try StoredExamples.hdf5(path: h5Path, dataset: "x", examplesFirst: false) }
        #expect(refused.reason == .unsupported)
        let gz = Self.scratch("images-idx3-ubyte.gz")
        try Data([0x1f, 0x8b, 8, 0] + [UInt8](repeating: 0, count: 20)).write(to: URL(fileURLWithPath: gz))
        #expect(throws: FormatError.self) { try StoredExamples.idx(path: gz) }
    }

    /// A `.npz` written as `np.savez` writes it (members stored), x (m, n) float32 or (n, m):
    /// opened as the in-memory loader reads it (labels, classes, source) and streamed from
    /// inside the archive with the bits of in-memory training.
    @Test(arguments: [(true, true, 2), (false, false, 1)])
    func storedNpzMembersStreamAsTheyLoad(examplesFirst: Bool, shuffle: Bool, threads: Int) throws {
        let (X, labels) = Self.data()
        let path = Self.scratch("data-\(examplesFirst).npz")
        let stored = examplesFirst ? X.transposed : X
        let x = NpyArray(shape: [stored.rows, stored.columns], dtype: .float32, doubles: Array(stored.elements))
        try NumPyArchive(arrays: [("x", x), ("y", NpyArray(shape: [Self.m], values: labels.elements.map { Int64($0) }))])
            .write(to: path, compressed: false)
        let streamedSet = try StreamedDataset.open(path: path)
        let loaded = try Dataset<Float>.load(path: path)
        #expect(streamedSet.stored.layout == (examplesFirst ? .examplesFirst : .examplesLast))
        #expect(streamedSet.labels == loaded.labels!.converted(to: Double.self) && streamedSet.classNames == loaded.classNames)
        #expect(streamedSet.source == loaded.source && streamedSet.featureCount == Self.n)
        BackpropThreads.count = threads
        defer { BackpropThreads.count = BackpropThreads.processorCount }
        var memory = try TrainingLoop(network: Self.network(Float.self), X: loaded.X, labels: loaded.labels!, options: Self.options(shuffle: shuffle))
        var streamed = try TrainingLoop(network: Self.network(Float.self), stream: ExampleFileStream<Float>(streamedSet.stored), labels: loaded.labels!,
                                        options: Self.options(shuffle: shuffle))
        let expected = try Self.run(&memory), got = try Self.run(&streamed)
        #expect(got.costs == expected.costs && got.parameters == expected.parameters)
    }

    /// NumPy's own files (Fixtures/npz, see make_class_names.py): the course's layout with
    /// `list_classes` and an object member streams with the loader's classes and image shape;
    /// `np.savez_compressed` members are refused, saying how to convert.
    @Test func numpysNpzFilesStreamOrAreRefusedSayingHow() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/npz")
        let course = folder.appendingPathComponent("class_names.npz").path
        let streamedSet = try StreamedDataset.open(path: course), loaded = try Dataset<Double>.load(path: course)
        #expect(streamedSet.classNames == ["non-cat", "cat"] && streamedSet.classNames == loaded.classNames)
        #expect(streamedSet.inputShape == [2, 2, 3] && streamedSet.inputShape == loaded.inputShape && streamedSet.labels == loaded.labels)
        let stream = ExampleFileStream<Double>(streamedSet.stored)
        var batches: [Matrix<Double>] = []
        try stream.forEachBatch(blocks: BlockShuffle(blockSize: 2, bufferBlocks: 1), batchSize: 3) { _, batch in
            batches.append(batch)
            return true
        }
        #expect(batches.count == 2 && batches[0].columns == 3 && batches[1].columns == 1)
        #expect(Array(batches[0].transposed.elements) + Array(batches[1].transposed.elements) == Array(loaded.X.transposed.elements))
        let compressed = folder.appendingPathComponent("unicode_classes.npz").path
        let refused = try #require(throws: FormatError.self) { try StreamedDataset.open(path: compressed) }
        #expect(refused.reason == .unsupported && "\(refused)".contains("backprop convert \(compressed) x.npy"), "\(refused)")
    }

    /// A chunked, deflated HDF5 dataset (chunks of 7 rows: blocks of 10 examples straddle
    /// them) streams through its chunk index and cache with the bits of the whole read.
    @Test(arguments: [(true, 1), (false, 2)])
    func chunkedHDF5StreamsAsItLoads(shuffle: Bool, threads: Int) throws {
        let (X, labels) = Self.data()
        let path = Self.scratch("chunked-\(shuffle).h5")
        var writer = HDF5Writer()
        try writer.createDataset("x", HDF5Array(X.transposed.elements.map { Float($0) }, shape: [Self.m, Self.n]),
                                 storage: .chunked(shape: [7, 4], deflateLevel: 4, shuffle: true))
        try writer.write(to: path)
        let stored = try StoredExamples.hdf5(path: path, dataset: "x")
        #expect(stored.exampleCount == Self.m && stored.featureCount == Self.n && stored.layout == .examplesFirst)
        let inMemory = try HDF5File(path: path).dataset(at: "x").readMatrix(as: Float.self).transposed
        BackpropThreads.count = threads
        defer { BackpropThreads.count = BackpropThreads.processorCount }
        let labelsFloat = labels.converted(to: Float.self)
        var memory = try TrainingLoop(network: Self.network(Float.self), X: inMemory, labels: labelsFloat, options: Self.options(shuffle: shuffle))
        var streamed = try TrainingLoop(network: Self.network(Float.self), stream: ExampleFileStream<Float>(stored), labels: labelsFloat,
                                        options: Self.options(shuffle: shuffle))
        let expected = try Self.run(&memory), got = try Self.run(&streamed)
        #expect(got.costs == expected.costs && got.parameters == expected.parameters)
    }

    /// A chunk that fails its checksum (BackpropHDF5Tests' filters/damaged_chunk.h5, rows
    /// 16..<24 of x) stops the step that needs it, naming the first example of its block.
    @Test func aChunkFailingItsChecksumStopsTheStepNamingTheExample() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("BackpropHDF5Tests/Fixtures/filters/damaged_chunk.h5").path
        let stored = try StoredExamples.hdf5(path: path, dataset: "x")
        var options = Self.options(shuffle: false)
        options.blockShuffle = BlockShuffle(blockSize: 8, bufferBlocks: 1)
        options.batchSize = 8
        options.keepProbabilities = nil
        let network = try Network<Float>(inputSize: 3, layers: [LayerSpec(units: 2, activation: .sigmoid)], loss: .categoricalCrossEntropy, seed: 1)
        var loop = try TrainingLoop(network: network, stream: ExampleFileStream<Float>(stored), labels: Matrix(rows: 1, columns: 40) { _, c in Float(c % 2) },
                                    options: options)
        var steps = 0
        let error = try #require(throws: TrainingError.self) {
            while !loop.isEpochComplete { _ = try loop.step(); steps += 1 }
        }
        guard case .input(let failure) = error else { Issue.record("\(error)"); return }
        #expect(failure.kind == .badData && failure.example == 16 && failure.description.contains("fletcher32"), "\(failure)")
        #expect(steps == 2)
    }

    @Test func aNaNInALaterBlockStopsTheStepNamingTheExample() throws {
        var (X, labels) = Self.data()
        X[2, 131] = .nan
        let path = Self.scratch("nan.npy")
        try Self.write(X, dtype: .float64, layout: .examplesFirst, to: path)
        var loop = try TrainingLoop(network: Self.network(Double.self), stream: ExampleFileStream<Double>(npy: path), labels: labels,
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
        let refused = try #require(throws: FormatError.self) { try ExampleFileStream<Double>(npy: path) }
        #expect(refused.reason == .truncated)

        try bytes.write(to: URL(fileURLWithPath: path))
        let stream = try ExampleFileStream<Double>(npy: path)
        var loop = try TrainingLoop(network: Self.network(Double.self), stream: stream, labels: labels, options: Self.options(shuffle: false))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: TrainingError.self) {
            while !loop.isEpochComplete { _ = try loop.step() }
        }
        guard case .input(let failure) = error else { Issue.record("\(error)"); return }
        #expect(failure.kind == .badData && failure.message.contains("the file ended at byte"))
    }

    /// The three windows a stream holds are checked against the memory budget before training.
    @Test func windowsOverTheMemoryBudgetAreRefused() throws {
        let (X, labels) = Self.data()
        let path = Self.scratch("budget.npy")
        try Self.write(X, dtype: .float64, layout: .examplesFirst, to: path)
        var options = Self.options(shuffle: true)
        options.blockShuffle = BlockShuffle(blockSize: 1 << 40, bufferBlocks: 1 << 40)  // min(B·W, m) = m examples
        let error = try MemoryBudget.$current.withValue(MemoryBudget(bytes: 3 * Self.m * Self.n * 8 - 1)) {
            try #require(throws: TrainingError.self) {
                try TrainingLoop(network: Self.network(Double.self), stream: ExampleFileStream<Double>(npy: path), labels: labels, options: options)
            }
        }
        #expect(error.description.contains("blockShuffle") && error.description.contains("three windows of 157 examples"), "\(error)")
        _ = try MemoryBudget.$current.withValue(MemoryBudget(bytes: 1 << 20)) {
            try TrainingLoop(network: Self.network(Double.self), stream: ExampleFileStream<Double>(npy: path), labels: labels, options: options)
        }
    }

    @Test func aStreamedRunNeedsMiniBatchesAndBlocks() throws {
        let (X, labels) = Self.data()
        let path = Self.scratch("options.npy")
        try Self.write(X, dtype: .float64, layout: .examplesFirst, to: path)
        var options = Self.options(shuffle: true)
        options.batchSize = nil
        #expect(throws: TrainingError.self) {
            try TrainingLoop(network: Self.network(Double.self), stream: ExampleFileStream<Double>(npy: path), labels: labels, options: options)
        }
        options = Self.options(shuffle: true)
        options.blockShuffle = nil
        #expect(throws: TrainingError.self) {
            try TrainingLoop(network: Self.network(Double.self), stream: ExampleFileStream<Double>(npy: path), labels: labels, options: options)
        }
    }
}
