import BackpropIO
import BackpropMatrix
import BackpropNN
import Dispatch

/// The examples of a `.npy` file read a window of blocks at a time (``ExampleStream``), for
/// training on a file larger than memory with ``BackpropNN/TrainingLoop/init(network:stream:labels:validation:options:resumingFrom:)``.
///
/// Layouts (``Layout``): examples along the first axis, (m, n) or (m, d1, d2, …) in C order,
/// as NumPy stores a table or images: a block of examples is one contiguous range of the file,
/// one positioned read; or examples along the last axis, (n, m) in C order (the course's
/// orientation; also (m, n) in Fortran order): a block is n ranges, one per feature.
///
/// Values are converted as the in-memory loader converts them (``Dataset/arrays(x:y:file:xName:yName:classNames:)``):
/// uint8 divided by 255 (``PixelScaling``), every other dtype through `Double` to `Scalar`, so
/// that a streamed run and an in-memory run see the same bits. A window whose values include a
/// NaN or an infinity is refused, naming the first such example.
///
/// Reading overlaps computing: while the loop trains on one window, the next is read and
/// converted on one background thread (libdispatch's global queue), into its own buffer. At
/// most three windows are held at once (the one a batch ends in, the one it started in, the
/// next): memory is about 3 × blockSize × bufferBlocks × n × `MemoryLayout<Scalar>.size`.
///
/// One loop at a time: ``begin(windows:blockSize:)`` and ``gather(_:into:)`` must not be
/// called concurrently (the training loop calls them from its own thread).
public final class NpyExampleStream<Scalar: MatrixScalar>: ExampleStream, @unchecked Sendable {
    /// Which axis holds the examples: of the array as NumPy shows it when given to
    /// ``init(path:layout:)``; of the bytes as stored in ``layout``.
    public enum Layout: Sendable, Equatable {
        /// The first axis, (m, n…): in C order an example's features are contiguous.
        case examplesFirst
        /// The last axis, (n, m): in C order a feature's values are contiguous.
        case examplesLast
    }

    public let featureCount: Int
    public let exampleCount: Int
    /// How the file stores the examples (C order; a Fortran (m, n) array is stored as (n, m)).
    public let layout: Layout
    /// The bytes read so far, for a progress display (MB per second).
    public var bytesRead: Int { reads.bytes }

    let file: PositionedFile
    let dtype: NpyDType
    let littleEndian: Bool
    let dataOffset: UInt64
    private var epoch = StreamWindows<Scalar>()
    private let reads = ReadCounter()

    /// Opens the `.npy` file at `path` and reads its header.
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - layout: where the examples are; `nil`: the first axis for a C-ordered array of 2 or
    ///     more dimensions, the last axis for a Fortran-ordered 2-d array, one feature per
    ///     example for a 1-d array.
    /// - Throws: ``FormatError`` for a file that cannot be opened, a header that is not
    ///   NumPy's, a non-numeric dtype, a Fortran-ordered array of more than 2 dimensions, or a
    ///   file shorter than its shape (`.truncated`).
    public init(path: String, layout: Layout? = nil) throws(FormatError) {
        do { file = try PositionedFile(path: path) } catch {
            throw FormatError(.unreadable, file: path, expected: "a readable .npy file", found: error.reason)
        }
        let prefix = try Self.readPrefix(file)
        let (header, offset) = try NumPyFile.preamble(prefix, file: path, acceptingText: false)
        guard case .numeric(let dtype, let littleEndian) = header.element else { preconditionFailure("a text header") }
        guard !header.fortranOrder || header.shape.count <= 2 else {
            throw FormatError(.unsupported, file: path, expected: "a C-ordered array, or a 2-d Fortran-ordered one, to stream",
                              found: "a Fortran-ordered array of shape \(NpyArray.describe(header.shape))")
        }
        let chosen = layout ?? (header.shape.count == 1 ? .examplesLast : .examplesFirst)
        (exampleCount, featureCount) = Self.dimensions(header.shape, layout: chosen)
        // Layout from here on: how the file stores them (a Fortran (m, n) is stored as C (n, m)).
        self.layout = header.fortranOrder ? (chosen == .examplesFirst ? .examplesLast : .examplesFirst) : chosen
        self.dtype = dtype
        self.littleEndian = littleEndian
        self.dataOffset = UInt64(offset)
        let bytes = try NpyArray.byteCount(shape: header.shape, dtype: dtype, file: path)
        guard UInt64(bytes) <= file.size - dataOffset else {
            throw FormatError(.truncated, file: path, expected: "\(bytes) bytes of data for shape \(NpyArray.describe(header.shape))",
                              found: "\(file.size - dataOffset)")
        }
    }

    /// The header's bytes: the first 64 KiB (a NumPy header is a few hundred bytes), or the
    /// whole file when shorter.
    static func readPrefix(_ file: PositionedFile) throws(FormatError) -> [UInt8] {
        do { return try file.read(at: 0, count: Int(Swift.min(file.size, 1 << 16))) } catch {
            throw FormatError(.unreadable, file: file.path, expected: "a readable .npy file", found: error.reason)
        }
    }

    /// (m, n) of an array of `shape` (as NumPy shows it) whose examples lie along `layout`'s axis.
    static func dimensions(_ shape: [Int], layout: Layout) -> (m: Int, n: Int) {
        guard !shape.isEmpty else { return (1, 1) }
        if shape.count == 1 { return (shape[0], 1) }
        let m = layout == .examplesFirst ? shape[0] : shape[shape.count - 1]
        return (m, m == 0 ? 0 : shape.reduce(1, *) / m)
    }

    public func begin(windows: [[Int]], blockSize: Int) {
        epoch = StreamWindows(windows: windows, blockSize: blockSize, examples: exampleCount)
        epoch.prefetch(0, reading: read)
    }

    public func gather(_ indices: ArraySlice<Int>, into batch: inout Matrix<Scalar>) throws(ExampleStreamError) {
        guard let first = indices.first else {
            batch.resize(rows: featureCount, columns: 0)
            return
        }
        let needed = indices.reduce((low: epoch.window(of: first), high: epoch.window(of: first))) { range, index in
            let window = epoch.window(of: index)
            return (Swift.min(range.low, window), Swift.max(range.high, window))
        }
        for window in needed.low...needed.high { try epoch.ensure(window, reading: read) }
        epoch.release(below: needed.low)
        epoch.prefetch(needed.high + 1, reading: read)
        copy(indices, into: &batch)
    }

    /// Writes the examples' rows into the batch's columns.
    private func copy(_ indices: ArraySlice<Int>, into batch: inout Matrix<Scalar>) {
        let n = featureCount, b = indices.count
        batch.resize(rows: n, columns: b)
        batch.withUnsafeMutableBufferPointer { out in
            for (j, index) in indices.enumerated() {
                let (values, place) = epoch.row(of: index)
                let start = place * n
                values.withUnsafeBufferPointer { source in
                    for f in 0..<n { out[f * b + j] = source[start + f] }
                }
            }
        }
    }

    /// Reads and converts the blocks of one window: each block's examples as rows of n values.
    @Sendable func read(blocks: [Int], blockSize: Int) throws(ExampleStreamError) -> [Int: [Scalar]] {
        var rows: [Int: [Scalar]] = [:]
        for block in blocks {
            let examples = (block * blockSize)..<Swift.min((block + 1) * blockSize, exampleCount)
            rows[block] = try readRows(examples)
        }
        return rows
    }

    /// The examples' values, example after example, checked finite.
    func readRows(_ examples: Range<Int>) throws(ExampleStreamError) -> [Scalar] {
        let n = featureCount, size = dtype.itemSize
        var bytes = [UInt8](repeating: 0, count: examples.count * n * size)
        do throws(PositionedFile.Failure) {
            switch layout {
            case .examplesFirst:
                try file.read(at: dataOffset + UInt64(examples.lowerBound * n * size), into: &bytes)
            case .examplesLast:
                bytes = try readFeatureRuns(examples)
            }
        } catch {
            throw ExampleStreamError(error.isShort ? .badData : .io, example: examples.lowerBound,
                                     message: "\(file.path): \(error.reason)")
        }
        reads.add(bytes.count)
        let values = convert(bytes, examples: examples.count)
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            let example = examples.lowerBound + bad / n
            throw ExampleStreamError(.badData, example: example, message: "\(file.path): a NaN or infinity in feature \(bad % n + 1)")
        }
        return values
    }

    /// n runs of the examples' values, one per feature, transposed to example after example.
    func readFeatureRuns(_ examples: Range<Int>) throws(PositionedFile.Failure) -> [UInt8] {
        let n = featureCount, m = exampleCount, size = dtype.itemSize, count = examples.count
        var run = [UInt8](repeating: 0, count: count * size)
        var out = [UInt8](repeating: 0, count: count * n * size)
        for feature in 0..<n {
            try file.read(at: dataOffset + UInt64((feature * m + examples.lowerBound) * size), into: &run)
            for i in 0..<count {
                for byte in 0..<size { out[(i * n + feature) * size + byte] = run[i * size + byte] }
            }
        }
        return out
    }

    /// Stored bytes (example after example) to values, as the in-memory loader converts them.
    func convert(_ bytes: [UInt8], examples: Int) -> [Scalar] {
        if dtype == .uint8 { return PixelScaling.scaled(bytes, as: Scalar.self) }
        guard let array = try? NpyArray(shape: [examples * featureCount], dtype: dtype, isLittleEndian: littleEndian, data: bytes) else {
            preconditionFailure("NpyExampleStream: \(bytes.count) bytes for \(examples) examples")
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
