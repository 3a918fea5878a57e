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
/// In-place `MPI_Allreduce(MPI_SUM)`s: a training step makes one over its flat buffer of the
/// cost and the small gradients and one on each large gradient's storage, each cut into
/// buckets of at most ``bucketElements`` values (MPI counts are 32-bit).
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
    }

    public func sum(_ values: UnsafeMutableBufferPointer<Float>) throws(GradientReductionError) {
        try allReduce(UnsafeMutableRawPointer(values.baseAddress), count: values.count, stride: 4, type: backprop_mpi_float())
    }

    public func sum(_ values: UnsafeMutableBufferPointer<Double>) throws(GradientReductionError) {
        try allReduce(UnsafeMutableRawPointer(values.baseAddress), count: values.count, stride: 8, type: backprop_mpi_double())
    }

    /// `count` values of `stride` bytes at `base` summed in place over the ranks, a bucket at a time.
    func allReduce(_ base: UnsafeMutableRawPointer?, count: Int, stride: Int, type: MPI_Datatype?) throws(GradientReductionError) {
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
            try Self.check(MPI_Allreduce(backprop_mpi_in_place(), base + offset * stride, Int32(n), type, backprop_mpi_sum(), backprop_mpi_comm_world()),
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
#endif
