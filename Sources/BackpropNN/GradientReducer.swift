import BackpropMatrix

/// What happens to a step's cost and gradients between the backward pass and the update when
/// several processes train one network together (synchronous data parallelism, as PyTorch's
/// DistributedDataParallel and Horovod do it).
///
/// Every process (a *rank*, 0…N−1) holds the same parameters and the same seeded batch order;
/// ``TrainingLoop`` gives rank r the examples ⌊b·r/N⌋ ..< ⌊b·(r+1)/N⌋ of each batch of b
/// (``share(of:)``), computes its part of their mean cost and gradients (divided by b, not by its
/// m_r examples: ``TrainingWorkspace/meanExamples``) and asks the reducer to sum them over the
/// ranks in place: each gradient of 2¹⁶ values or more on its own storage, counting the NaN and
/// infinite sums (``sumCountingNonFinite(_:)-(UnsafeMutableBufferPointer<Float>)``), then the
/// cost, the counts and the smaller gradients in one flat buffer. The sum is the batch's mean
/// cost and gradients, as one process computes them up to the order of the additions, so every
/// rank applies the same update. The L2 term is split the same way (λ_r = λ·m_r / b) and dropout masks are drawn for
/// the whole batch, each rank keeping its columns, so neither depends on N. A rank reading a
/// stream reads only its examples (``ExampleSelection``).
///
/// Backprop's implementation over MPI (`MPI_Allreduce`) is in the `BackpropMPI` module of the
/// `MPI` package trait; the tests run N ranks as threads of one process.
public protocol GradientReducer: Sendable {
    /// This process's rank, 0 ..< ``processCount``.
    var rank: Int { get }
    /// N, the number of processes.
    var processCount: Int { get }
    /// Replaces `values` by their element-wise sum over every rank (each rank passes the same
    /// count, in the same step).
    ///
    /// - Throws: ``GradientReductionError`` when the sum could not be made (a rank has gone).
    func sum(_ values: UnsafeMutableBufferPointer<Float>) throws(GradientReductionError)
    /// The same sum for float64 values.
    func sum(_ values: UnsafeMutableBufferPointer<Double>) throws(GradientReductionError)
    /// ``sum(_:)-(UnsafeMutableBufferPointer<Float>)``, and how many of the sums this rank
    /// computed are NaN or infinite, or `nil` when the reducer does not count them. The ranks'
    /// counts must add up to 0 exactly when every value of the result is finite (a sum with a
    /// NaN or infinite term is itself NaN or infinite, so it is enough that each value of the
    /// result is computed by some rank that counts it): ``TrainingLoop`` then skips its own
    /// finite check of these gradients, a pass over them. By default `nil`, after
    /// ``sum(_:)-(UnsafeMutableBufferPointer<Float>)``.
    ///
    /// - Throws: ``GradientReductionError`` as ``sum(_:)-(UnsafeMutableBufferPointer<Float>)``.
    func sumCountingNonFinite(_ values: UnsafeMutableBufferPointer<Float>) throws(GradientReductionError) -> Int?
    /// The same counting sum for float64 values.
    func sumCountingNonFinite(_ values: UnsafeMutableBufferPointer<Double>) throws(GradientReductionError) -> Int?
    /// Returns once every rank has called it (a barrier): ``TrainingLoop/prepare()`` calls it,
    /// so that the ranks start stepping together and a rank's clock does not count another's
    /// loading. By default a sum of one zero.
    ///
    /// - Throws: ``GradientReductionError`` when a rank has gone.
    func synchronize() throws(GradientReductionError)
}

extension GradientReducer {
    public func sumCountingNonFinite(_ values: UnsafeMutableBufferPointer<Float>) throws(GradientReductionError) -> Int? {
        try sum(values)
        return nil
    }

    public func sumCountingNonFinite(_ values: UnsafeMutableBufferPointer<Double>) throws(GradientReductionError) -> Int? {
        try sum(values)
        return nil
    }

    public func synchronize() throws(GradientReductionError) {
        var zero: [Double] = [0]
        try sum(&zero)
    }
}

extension GradientReducer {
    /// The part of `range` (a batch's positions, or the examples 0 ..< m of the full batch)
    /// this rank computes: ⌊b·r/N⌋ ..< ⌊b·(r+1)/N⌋ for b = `range.count`.
    public func share(of range: Range<Int>) -> Range<Int> {
        let b = range.count, n = processCount
        return (range.lowerBound + b * rank / n)..<(range.lowerBound + b * (rank + 1) / n)
    }
}

extension GradientReducer {
    /// Sums `values` over the ranks in place (float32 or float64).
    func sum<Scalar: MatrixScalar>(_ values: inout [Scalar]) throws(GradientReductionError) {
        try values.withUnsafeMutableBufferPointer { (buffer) throws(GradientReductionError) in try sum(buffer) }
    }

    /// The element-wise sum over the ranks of a matrix's values, in place.
    func sum<Scalar: MatrixScalar>(_ matrix: inout Matrix<Scalar>) throws(GradientReductionError) {
        _ = try summing(&matrix, counting: false)
    }

    /// The element-wise sum over the ranks of a matrix's values, in place, and the count of
    /// ``sumCountingNonFinite(_:)-(UnsafeMutableBufferPointer<Float>)`` (`nil`: not counted).
    func sumCountingNonFinite<Scalar: MatrixScalar>(_ matrix: inout Matrix<Scalar>) throws(GradientReductionError) -> Int? {
        try summing(&matrix, counting: true)
    }

    /// ``sum(_:)-(UnsafeMutableBufferPointer<Float>)`` or, when `counting`,
    /// ``sumCountingNonFinite(_:)-(UnsafeMutableBufferPointer<Float>)`` of a matrix's values.
    private func summing<Scalar: MatrixScalar>(_ matrix: inout Matrix<Scalar>, counting: Bool) throws(GradientReductionError) -> Int? {
        // Matrix's accessor rethrows untyped errors: the result is carried out instead.
        var result: Result<Int?, GradientReductionError> = .success(nil)
        matrix.withUnsafeMutableBufferPointer { buffer in
            result = Result { () throws(GradientReductionError) in try summing(buffer, counting: counting) }
        }
        return try result.get()
    }

    /// The element-wise sum over the ranks of `buffer`, in place, through the Float or Double form.
    func sum<Scalar: MatrixScalar>(_ buffer: UnsafeMutableBufferPointer<Scalar>) throws(GradientReductionError) {
        _ = try summing(buffer, counting: false)
    }

    /// The sum of `buffer` through its Float or Double form, counted when `counting`.
    private func summing<Scalar: MatrixScalar>(_ buffer: UnsafeMutableBufferPointer<Scalar>, counting: Bool) throws(GradientReductionError) -> Int? {
        let raw = UnsafeMutableRawPointer(buffer.baseAddress)
        if Scalar.self == Float.self {
            let values = UnsafeMutableBufferPointer(start: raw?.assumingMemoryBound(to: Float.self), count: buffer.count)
            if counting { return try sumCountingNonFinite(values) }
            try sum(values)
            return nil
        }
        precondition(Scalar.self == Double.self, "GradientReducer: \(Scalar.self) is neither Float nor Double")
        let values = UnsafeMutableBufferPointer(start: raw?.assumingMemoryBound(to: Double.self), count: buffer.count)
        if counting { return try sumCountingNonFinite(values) }
        try sum(values)
        return nil
    }
}

/// Why the ranks' gradients could not be summed: a rank stopped, or the communication failed.
public struct GradientReductionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What failed, in words ("rank 1 of 2 stopped: …").
    public var message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    /// "data-parallel training stopped: " and the message.
    public var description: String { "data-parallel training stopped: \(message)" }
}
