import BackpropHDF5
import BackpropIO
import BackpropMatrix
import BackpropNN
import Dispatch

/// The examples of a data file read a window of blocks at a time (`ExampleStream`), for
/// training on a file larger than memory with `BackpropNN/TrainingLoop/init(network:stream:labels:validation:options:resumingFrom:reducer:)`.
///
/// The file is any ``StoredExamples``: a `.npy` array or a stored `.npz` member, an
/// uncompressed MNIST IDX file, an HDF5 dataset. With examples along the first axis ((m, n) or (m, d1, d2, …) in C
/// order, as NumPy stores a table or images) a block of examples is one positioned read; with
/// examples along the last axis ((n, m) in C order, the course's orientation) a block is n
/// reads, one per feature.
///
/// Values are converted as the in-memory loader converts them (``Dataset/arrays(x:y:file:xName:yName:classNames:)``):
/// uint8 divided by 255 (`PixelScaling`), every other dtype through `Double` to `Scalar`
/// (float32 to `Float` and float64 to `Double` are copied, which is the same), so that a
/// streamed run and an in-memory run see the same bits. A block holding a NaN or an infinity is
/// refused, naming the first such example.
///
/// Reading overlaps computing: while the loop trains on one window, the next is read and
/// converted on one background thread (libdispatch's global queue), into its own buffer. At
/// most three windows are held at once (the one a batch ends in, the one it started in, the
/// next): memory is about 3 × blockSize × bufferBlocks × n × `MemoryLayout<Scalar>.size`, plus
/// one block's bytes while it is converted.
///
/// One loop at a time: ``begin(windows:blockSize:)`` and ``gather(_:into:)`` must not be
/// called concurrently (the training loop calls them from its own thread).
public final class ExampleFileStream<Scalar: MatrixScalar>: ExampleStream, @unchecked Sendable {
    /// Where the examples are.
    public let stored: StoredExamples
    public var featureCount: Int { stored.featureCount }
    public var exampleCount: Int { stored.exampleCount }
    /// The bytes read so far, for a progress display (MB per second).
    public var bytesRead: Int { reads.bytes }

    private var epoch = StreamWindows<Scalar>()
    /// A batch's examples as rows, (b, n), before the transpose into X_b (``gather(_:into:)``).
    private var staging = Matrix<Scalar>(rows: 0, columns: 0)
    private let reads = ReadCounter()

    /// A stream over `stored`.
    public init(_ stored: StoredExamples) {
        self.stored = stored
    }

    /// A stream over the `.npy` file at `path` (``StoredExamples/npy(path:examplesFirst:)``).
    ///
    /// - Throws: ``FormatError`` for a file that cannot be opened or is not a numeric `.npy`.
    public convenience init(npy path: String, examplesFirst: Bool? = nil) throws(FormatError) {
        self.init(try StoredExamples.npy(path: path, examplesFirst: examplesFirst))
    }

    public func begin(windows: [[Int]], blockSize: Int, reading selection: ExampleSelection?) {
        var next = StreamWindows<Scalar>(windows: windows, blockSize: blockSize, examples: exampleCount, selection: selection)
        next.keep(from: epoch)
        epoch = next
        epoch.prefetch(0, reading: read)
    }

    public func awaitFirstWindow() throws(ExampleStreamError) {
        guard !epoch.windows.isEmpty else { return }
        try epoch.ensure(0, reading: read)
    }

    /// Whether the epoch's window `index` is held, read and not yet released.
    func holds(window index: Int) -> Bool { epoch.holds(index) }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func gather(_ indices: ArraySlice<Int>, into batch: inout Matrix<Scalar>) throws(ExampleStreamError) {
        try gatherRows(indices, into: &staging)
        Matrix.transpose(staging, into: &batch)
    }

    /// Copies the examples' rows whole into `rows`, resized to (b, n): the windows they lie in
    /// read first (and the next one read ahead), the windows before them released.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func gatherRows(_ indices: ArraySlice<Int>, into rows: inout Matrix<Scalar>) throws(ExampleStreamError) {
        let n = featureCount
        rows.resize(rows: indices.count, columns: n)
        guard let first = indices.first else { return }
        let needed = indices.reduce((low: epoch.window(of: first), high: epoch.window(of: first))) { range, index in
            let window = epoch.window(of: index)
            return (Swift.min(range.low, window), Swift.max(range.high, window))
        }
        for window in needed.low...needed.high { try epoch.ensure(window, reading: read) }
        epoch.release(below: needed.low)
        epoch.prefetch(needed.high + 1, reading: read)
        rows.withUnsafeMutableBufferPointer { out in
            guard let out = out.baseAddress, n > 0 else { return }
            for (j, index) in indices.enumerated() {
                let (values, row) = epoch.row(of: index)
                values.withUnsafeBufferPointer { source in (out + j * n).update(from: source.baseAddress! + row * n, count: n) }
            }
        }
    }

    /// Reads and converts the blocks of one window: each block's examples (the selected ones,
    /// if there is a selection) as rows of n values.
    @Sendable func read(blocks: [Int], blockSize: Int, selection: ExampleSelection?) throws(ExampleStreamError) -> [Int: BlockRows<Scalar>] {
        var rows: [Int: BlockRows<Scalar>] = [:]
        for block in blocks {
            let examples = (block * blockSize)..<Swift.min((block + 1) * blockSize, exampleCount)
            if let selection {
                rows[block] = try readSelected(examples, of: selection)
            } else {
                rows[block] = BlockRows(values: try readRows(examples), rows: nil)
            }
        }
        return rows
    }

    /// The selected examples of one block, read as runs of consecutive examples: nothing else
    /// is read, except with examples along the last axis, where the block is read (n reads,
    /// one per feature, as without a selection: one read per feature and example would be far
    /// slower) and only the selected rows kept. A file storing `Scalar` itself along the first
    /// axis is read straight into the block's rows (``readScalars(_:rows:)``).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func readSelected(_ examples: Range<Int>, of selection: ExampleSelection) throws(ExampleStreamError) -> BlockRows<Scalar> {
        let runs = selection.runs(in: examples)
        var rows = [Int32](repeating: -1, count: examples.count)
        var count = 0
        for run in runs {
            for index in run { rows[index - examples.lowerBound] = Int32(count + index - run.lowerBound) }
            count += run.count
        }
        let n = featureCount
        if stored.layout == .examplesFirst && storesScalarBits && stored.chunkedRows == nil {
            let values = try readScalars(runs, rows: count)
            reads.add(count * n * stored.dtype.itemSize)
            try checkFinite(values) { row in Self.example(ofRow: row, in: runs) }
            return BlockRows(values: values, rows: rows)
        }
        var values: [Scalar] = []
        values.reserveCapacity(count * n)
        let whole = stored.layout == .examplesLast && stored.chunkedRows == nil ? try readRows(examples) : nil
        for run in runs {
            if let whole {
                values += whole[((run.lowerBound - examples.lowerBound) * n)..<((run.upperBound - examples.lowerBound) * n)]
            } else {
                values += try readRows(run)
            }
        }
        return BlockRows(values: values, rows: rows)
    }

    /// The examples' values, example after example, checked finite.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func readRows(_ examples: Range<Int>) throws(ExampleStreamError) -> [Scalar] {
        let n = featureCount, size = stored.dtype.itemSize
        let values: [Scalar]
        if let chunked = stored.chunkedRows {
            do throws(HDF5Error) { values = convert(try chunked.rows(examples), examples: examples.count) } catch {
                throw ExampleStreamError(error.kind == .cannotOpen ? .io : .badData, example: examples.lowerBound, message: error.description)
            }
        } else {
            values = try readStored(examples)
        }
        reads.add(examples.count * n * size)
        try checkFinite(values) { row in examples.lowerBound + row }
        return values
    }

    /// The example read into row `row` when `runs` are read one after the other.
    static func example(ofRow row: Int, in runs: [Range<Int>]) -> Int {
        var start = 0
        for run in runs {
            if row < start + run.count { return run.lowerBound + row - start }
            start += run.count
        }
        return runs.last?.upperBound ?? 0
    }

    /// Throws naming the first example holding a NaN or an infinity in `values` (rows of n),
    /// `example(row)` being the example of a row. One vectorised pass (the kernels' finiteness
    /// check); the search only when it fails.
    func checkFinite(_ values: [Scalar], example: (Int) -> Int) throws(ExampleStreamError) {
        let n = featureCount
        guard !values.withUnsafeBufferPointer(Matrix<Scalar>.allFinite), let bad = values.firstIndex(where: { !$0.isFinite }) else { return }
        throw ExampleStreamError(.badData, example: example(bad / n), message: "\(stored.path): a NaN or infinity in feature \(bad % n + 1)")
    }

    /// The examples' values from contiguous storage: straight into their array when the file
    /// stores `Scalar` itself, else read as bytes and converted.
    func readStored(_ examples: Range<Int>) throws(ExampleStreamError) -> [Scalar] {
        let n = featureCount, size = stored.dtype.itemSize
        if stored.layout == .examplesFirst && storesScalarBits { return try readScalars([examples], rows: examples.count) }
        do throws(PositionedFile.Failure) {
            switch stored.layout {
            case .examplesFirst:
                var bytes = [UInt8](repeating: 0, count: examples.count * n * size)
                try stored.file.read(at: stored.offset + UInt64(examples.lowerBound * n * size), into: &bytes)
                return convert(bytes, examples: examples.count)
            case .examplesLast:
                return convert(try readFeatureRuns(examples), examples: examples.count)
            }
        } catch {
            throw streamError(error, example: examples.lowerBound)
        }
    }

    /// A failed read of the file as the stream's error, at `example`: a file shorter than its
    /// header says is bad data, anything else input/output.
    func streamError(_ error: PositionedFile.Failure, example: Int) -> ExampleStreamError {
        ExampleStreamError(error.isShort ? .badData : .io, example: example, message: "\(stored.path): \(error.reason)")
    }

    /// The examples of `runs` (`rows` in all), stored as `Scalar` itself (``storesScalarBits``)
    /// along the first axis, read straight into one array, run after run: one positioned read
    /// per run, no intermediate bytes, no conversion.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func readScalars(_ runs: [Range<Int>], rows: Int) throws(ExampleStreamError) -> [Scalar] {
        let n = featureCount, size = MemoryLayout<Scalar>.size
        var failure: ExampleStreamError?
        let values = [Scalar](unsafeUninitializedCapacity: rows * n) { buffer, initialized in
            let bytes = UnsafeMutableRawBufferPointer(buffer)
            var row = 0
            for run in runs where failure == nil {
                let place = UnsafeMutableRawBufferPointer(rebasing: bytes[(row * n * size)..<((row + run.count) * n * size)])
                do throws(PositionedFile.Failure) {
                    try stored.file.read(at: stored.offset + UInt64(run.lowerBound * n * size), into: place)
                } catch {
                    failure = streamError(error, example: run.lowerBound)
                }
                row += run.count
            }
            initialized = failure == nil ? rows * n : 0
        }
        if let failure { throw failure }
        return values
    }

    /// n runs of the examples' values, one per feature, transposed to example after example.
    func readFeatureRuns(_ examples: Range<Int>) throws(PositionedFile.Failure) -> [UInt8] {
        let n = featureCount, m = exampleCount, size = stored.dtype.itemSize, count = examples.count
        var run = [UInt8](repeating: 0, count: count * size)
        var out = [UInt8](repeating: 0, count: count * n * size)
        for feature in 0..<n {
            try stored.file.read(at: stored.offset + UInt64((feature * m + examples.lowerBound) * size), into: &run)
            for i in 0..<count {
                for byte in 0..<size { out[(i * n + feature) * size + byte] = run[i * size + byte] }
            }
        }
        return out
    }

    /// Whether the file stores `Scalar` itself, little-endian (as this machine).
    var storesScalarBits: Bool {
        guard stored.littleEndian, UInt16(littleEndian: 1) == 1 else { return false }
        return (stored.dtype == .float32 && Scalar.self == Float.self) || (stored.dtype == .float64 && Scalar.self == Double.self)
    }

    /// Stored bytes (example after example) to values, as the in-memory loader converts them.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func convert(_ bytes: [UInt8], examples: Int) -> [Scalar] {
        if stored.dtype == .uint8 { return PixelScaling.scaled(bytes, as: Scalar.self) }
        if storesScalarBits {
            // float32 to Float (float64 to Double) through Double is the identity: copy the bits.
            return [Scalar](unsafeUninitializedCapacity: bytes.count / stored.dtype.itemSize) { buffer, initialized in
                bytes.withUnsafeBytes { source in UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source) }
                initialized = bytes.count / stored.dtype.itemSize
            }
        }
        guard let array = try? NpyArray(shape: [examples * featureCount], dtype: stored.dtype, isLittleEndian: stored.littleEndian,
                                        data: bytes) else {
            preconditionFailure("ExampleFileStream: \(bytes.count) bytes for \(examples) examples")
        }
        return array.values(as: Scalar.self)
    }
}

/// The bytes a stream has read, from any thread.
final class ReadCounter: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var total = 0
    var bytes: Int {
        lock.wait()
        defer { lock.signal() }
        return total
    }
    func add(_ count: Int) {
        lock.wait()
        total += count
        lock.signal()
    }
}
