#if MPI
import BackpropNN
import COpenMPI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The processes of an MPI job (`MPI_COMM_WORLD`) summing each step's gradients with
/// `MPI_Allreduce` (`GradientReducer`): `mpirun -np N backprop train …` trains one network on
/// N shares of every batch.
///
/// In-place `MPI_Allreduce`s: a training step makes one on each large gradient's storage with
/// Backprop's own sum (``sumCountingNonFinite(_:)-(UnsafeMutableBufferPointer<Float>)``: MPI's
/// sum, counting the NaN and infinite values it makes, so that training need not check those
/// gradients again), then one `MPI_SUM` over its flat buffer of the cost, the count and the
/// small gradients; each is cut into buckets of at most ``bucketElements`` values (MPI counts
/// are 32-bit).
/// MPI errors are returned, not fatal (`MPI_ERRORS_RETURN`), and become
/// `GradientReductionError`s; a rank that dies is noticed by `mpirun`, which stops the job.
public final class MPIReducer: GradientReducer, @unchecked Sendable {
    /// This process's rank in `MPI_COMM_WORLD`, 0 ..< ``processCount``.
    public let rank: Int
    /// The number of processes in `MPI_COMM_WORLD` (mpirun's `-np`).
    public let processCount: Int
    /// The most values one `MPI_Allreduce` sums (2²⁴: 64 MiB of float32).
    public static let bucketElements = 1 << 24
    /// The sums made so far (`sum(_:)` calls: a training step makes one for its small gradients
    /// and one for each large gradient), their bytes and the seconds spent in them
    /// (waiting for the slowest rank included).
    public private(set) var sums = 0, bytes = 0, seconds = 0.0

    /// The counting sums, for float32 and float64 (`MPI_Op_create`, commutative).
    private let countingSums: (float: MPI_Op?, double: MPI_Op?)
    /// The NaN and infinite values the counting sums made in this process (the operation
    /// cannot carry a context: MPI calls it on the thread of `MPI_Allreduce`, MPI's only one).
    nonisolated(unsafe) static var nonFiniteSums = 0

    /// Whether this process was started by an MPI launcher (Open MPI's `mpirun` sets
    /// `OMPI_COMM_WORLD_SIZE`; PMIx launchers `PMIX_RANK`).
    public static var isLaunchedByMPI: Bool {
        getenv("OMPI_COMM_WORLD_SIZE") != nil || getenv("PMIX_RANK") != nil
    }

    /// Initialises MPI (calls from one thread: `MPI_THREAD_FUNNELED`) and joins `MPI_COMM_WORLD`.
    ///
    /// - Throws: `GradientReductionError` when MPI cannot start.
    public init() throws(GradientReductionError) {
        var provided: Int32 = 0
        try Self.check(MPI_Init_thread(nil, nil, backprop_mpi_thread_funneled(), &provided), "MPI_Init_thread")
        let world = backprop_mpi_comm_world()
        try Self.check(MPI_Comm_set_errhandler(world, backprop_mpi_errors_return()), "MPI_Comm_set_errhandler")
        var rank: Int32 = 0, size: Int32 = 0
        try Self.check(MPI_Comm_rank(world, &rank), "MPI_Comm_rank")
        try Self.check(MPI_Comm_size(world, &size), "MPI_Comm_size")
        self.rank = Int(rank)
        processCount = Int(size)
        var float: MPI_Op?, double: MPI_Op?
        try Self.check(MPI_Op_create(countingSumOfFloats, 1, &float), "MPI_Op_create")
        try Self.check(MPI_Op_create(countingSumOfDoubles, 1, &double), "MPI_Op_create")
        countingSums = (float, double)
    }

    public func sum(_ values: UnsafeMutableBufferPointer<Float>) throws(GradientReductionError) {
        try allReduce(UnsafeMutableRawPointer(values.baseAddress), count: values.count, stride: 4, type: backprop_mpi_float())
    }

    public func sum(_ values: UnsafeMutableBufferPointer<Double>) throws(GradientReductionError) {
        try allReduce(UnsafeMutableRawPointer(values.baseAddress), count: values.count, stride: 8, type: backprop_mpi_double())
    }

    /// The sum by the counting operation: each rank counts the NaN and infinite sums its
    /// operation computes (every value of the result is one of them), and this returns the
    /// rank's count. One process alone gets `MPI_SUM` and `nil`: MPI then computes no sum.
    public func sumCountingNonFinite(_ values: UnsafeMutableBufferPointer<Float>) throws(GradientReductionError) -> Int? {
        guard processCount > 1 else { try sum(values); return nil }
        Self.nonFiniteSums = 0
        try allReduce(UnsafeMutableRawPointer(values.baseAddress), count: values.count, stride: 4, type: backprop_mpi_float(), op: countingSums.float)
        return Self.nonFiniteSums
    }

    public func sumCountingNonFinite(_ values: UnsafeMutableBufferPointer<Double>) throws(GradientReductionError) -> Int? {
        guard processCount > 1 else { try sum(values); return nil }
        Self.nonFiniteSums = 0
        try allReduce(UnsafeMutableRawPointer(values.baseAddress), count: values.count, stride: 8, type: backprop_mpi_double(), op: countingSums.double)
        return Self.nonFiniteSums
    }

    /// `count` values of `stride` bytes at `base` summed in place over the ranks by `op`
    /// (`MPI_SUM` by default), a bucket at a time.
    func allReduce(_ base: UnsafeMutableRawPointer?, count: Int, stride: Int, type: MPI_Datatype?, op: MPI_Op? = backprop_mpi_sum()) throws(GradientReductionError) {
        guard let base else { return }
        let clock = ContinuousClock(), start = clock.now
        defer {
            sums += 1
            bytes += count * stride
            let elapsed = clock.now - start
            seconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        }
        var offset = 0
        while offset < count {
            let n = Swift.min(Self.bucketElements, count - offset)
            try Self.check(MPI_Allreduce(backprop_mpi_in_place(), base + offset * stride, Int32(n), type, op, backprop_mpi_comm_world()),
                           "MPI_Allreduce of \(n) values on rank \(rank) of \(processCount)")
            offset += n
        }
    }

    /// `MPI_Barrier` on `MPI_COMM_WORLD` (not counted in ``sums``, ``bytes`` or ``seconds``).
    ///
    /// - Throws: `GradientReductionError` with MPI's text when the barrier fails.
    public func synchronize() throws(GradientReductionError) {
        try Self.check(MPI_Barrier(backprop_mpi_comm_world()), "MPI_Barrier on rank \(rank) of \(processCount)")
    }

    /// Leaves MPI after a run that ended well on every rank.
    public func finish() {
        var (float, double) = countingSums
        MPI_Op_free(&float)
        MPI_Op_free(&double)
        MPI_Finalize()
    }

    /// Stops every rank of the job with `status` (`MPI_Abort`), after this rank's error.
    public func abort(status: Int32) -> Never {
        MPI_Abort(backprop_mpi_comm_world(), status)
        exit(status)
    }

    /// Throws unless `code` is `MPI_SUCCESS`, with MPI's text for it.
    static func check(_ code: Int32, _ call: String) throws(GradientReductionError) {
        guard code != backprop_mpi_success() else { return }
        var text = [CChar](repeating: 0, count: Int(backprop_mpi_max_error_string()) + 1)
        var length: Int32 = 0
        MPI_Error_string(code, &text, &length)
        throw GradientReductionError("\(call) failed: \(String(decoding: text.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self))")
    }
}

/// The counting sum's operations (`MPI_User_function`s), for float32 and float64:
/// `inout[i] = in[i] + inout[i]` as `MPI_SUM` adds (the same bits: the addition is
/// commutative), counting the sums that are NaN or infinite into ``MPIReducer/nonFiniteSums``.
private func countingSumOfFloats(_ input: UnsafeMutableRawPointer?, _ output: UnsafeMutableRawPointer?, _ length: UnsafeMutablePointer<Int32>?,
                                 _: UnsafeMutablePointer<MPI_Datatype?>?) {
    countingSum(Float.self, input, output, length)
}

private func countingSumOfDoubles(_ input: UnsafeMutableRawPointer?, _ output: UnsafeMutableRawPointer?, _ length: UnsafeMutablePointer<Int32>?,
                                  _: UnsafeMutablePointer<MPI_Datatype?>?) {
    countingSum(Double.self, input, output, length)
}

/// `output[i] = input[i] + output[i]` for the `length` values of type T, counted.
private func countingSum<T: MatrixScalar>(_: T.Type, _ input: UnsafeMutableRawPointer?, _ output: UnsafeMutableRawPointer?,
                                          _ length: UnsafeMutablePointer<Int32>?) {
    guard let input, let output, let length else { return }
    let n = Int(length.pointee)
    MPIReducer.nonFiniteSums += Matrix<T>.addCountingNonFinite(
        UnsafeBufferPointer(start: input.assumingMemoryBound(to: T.self), count: n),
        into: UnsafeMutableBufferPointer(start: output.assumingMemoryBound(to: T.self), count: n))
}
#endif
