import BackpropMatrix

/// Examples read from outside memory (a file larger than memory) one window of blocks at a
/// time, for a ``TrainingLoop``: the loop's batch source when the data are streamed.
///
/// The loop tells the stream, at the start of every epoch, which blocks it will visit and in
/// which windows (``BlockShuffle/order(examples:seed:epoch:)``); the stream reads them ahead in
/// that order (on its own thread, if it has one) and copies each mini-batch's columns out of the
/// windows it holds. Every example index a batch asks for lies in the window being visited or
/// in the next one, so a stream that holds two windows never reads a single row at random.
///
/// Shapes: the stream holds m examples of n_x features; ``gather(_:into:)`` writes X_b (n_x, b),
/// ``gatherRows(_:into:)`` X_bᵀ (b, n_x).
public protocol ExampleStream<Scalar>: AnyObject, Sendable {
    /// The element type the loop trains in.
    associatedtype Scalar: MatrixScalar
    /// n_x, the features of one example.
    var featureCount: Int { get }
    /// m, the number of examples.
    var exampleCount: Int { get }
    /// Starts an epoch that visits `windows` (lists of blocks of `blockSize` examples) in order;
    /// what was read ahead for another order is dropped. With a `selection`, only the selected
    /// examples of each block are read and held (a rank of data-parallel training reads its
    /// share of every batch); ``gather(_:into:)`` then asks for selected examples only.
    func begin(windows: [[Int]], blockSize: Int, reading selection: ExampleSelection?)
    /// Writes the columns of the examples `indices` (in the current window or the next) into
    /// `batch`, resized to (n_x, b).
    ///
    /// - Throws: ``ExampleStreamError`` for data that cannot be read or is not finite, naming
    ///   the example.
    func gather(_ indices: ArraySlice<Int>, into batch: inout Matrix<Scalar>) throws(ExampleStreamError)
    /// Writes the examples `indices` (in the current window or the next) as the rows of
    /// `rows`, resized to (b, n_x): X_bᵀ, which ``gather(_:into:)`` transposes. A training
    /// loop that keeps X_bᵀ (``TrainingWorkspace/inputTransposed``) fills it with this and
    /// makes X_b with one transpose.
    ///
    /// - Throws: ``ExampleStreamError`` as ``gather(_:into:)``.
    func gatherRows(_ indices: ArraySlice<Int>, into rows: inout Matrix<Scalar>) throws(ExampleStreamError)
    /// Returns once the epoch's first window is held (``begin(windows:blockSize:reading:)``
    /// starts reading it ahead), so that a run can start its clock after the read. By default
    /// nothing: ``gather(_:into:)`` reads what it needs.
    ///
    /// - Throws: ``ExampleStreamError`` as ``gather(_:into:)``.
    func awaitFirstWindow() throws(ExampleStreamError)
}

/// Why a streamed example could not be read: the file, the example (from 0), and whether the
/// data are bad (damaged, truncated, not finite) or the system could not read them.
public struct ExampleStreamError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The file holds something else than it declared: truncated, damaged, a NaN or infinity.
        case badData
        /// The system could not read the file.
        case io
    }

    /// What went wrong.
    public var kind: Kind
    /// The example being read (from 0), if one was.
    public var example: Int?
    /// The reader's own message, naming the file (and the byte or block).
    public var message: String

    /// An error of `kind` at `example`, with the reader's message.
    public init(_ kind: Kind, example: Int?, message: String) {
        self.kind = kind
        self.example = example
        self.message = message
    }

    public var description: String {
        example.map { "\(message) (example \($0))" } ?? message
    }
}

extension ExampleStream {
    public func awaitFirstWindow() throws(ExampleStreamError) {}

    /// Starts an epoch that reads every example of `windows` (``begin(windows:blockSize:reading:)``
    /// without a selection).
    public func begin(windows: [[Int]], blockSize: Int) {
        begin(windows: windows, blockSize: blockSize, reading: nil)
    }

    /// Reads every example of `range` (all m by default) once, in file order, `batchSize` at a
    /// time (the last batch smaller), through windows of `blocks` (only the blocks `range`
    /// touches, and only its examples of them), and gives each batch's examples and X_b (n_x, b)
    /// to `body`, which returns whether to go on: batched inference on data larger than memory.
    ///
    /// - Throws: ``ExampleStreamError`` when an example cannot be read.
    public func forEachBatch(
        blocks: BlockShuffle, batchSize: Int, examples range: Range<Int>? = nil,
        _ body: (_ examples: Range<Int>, _ batch: Matrix<Scalar>) -> Bool
    ) throws(ExampleStreamError) {
        let m = exampleCount, size = Swift.max(1, batchSize)
        let examples = (range ?? 0..<m).clamped(to: 0..<m)
        guard !examples.isEmpty else { return }
        let touched = (examples.lowerBound / blocks.blockSize)...((examples.upperBound - 1) / blocks.blockSize)
        let windows = stride(from: touched.lowerBound, through: touched.upperBound, by: blocks.bufferBlocks)
            .map { Array($0...Swift.min($0 + blocks.bufferBlocks - 1, touched.upperBound)) }
        begin(windows: windows, blockSize: blocks.blockSize,
              reading: examples.count == m ? nil : ExampleSelection(examples: m, range: examples))
        let order = Array(examples)
        var batch = Matrix<Scalar>(rows: 0, columns: 0)
        for start in stride(from: 0, to: order.count, by: size) {
            let slice = order[start..<Swift.min(start + size, order.count)]
            try gather(slice, into: &batch)
            guard body(slice.first!..<(slice.last! + 1), batch) else { return }
        }
    }
}
