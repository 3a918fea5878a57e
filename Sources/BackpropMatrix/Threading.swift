import CBackpropKernels

/// How many threads the compute kernels use.
///
/// The default is the number of processors, or the environment variable `BACKPROP_THREADS`
/// when it holds a positive integer. Kernels split work only when it is large enough to repay
/// waking a thread, and only along rows or columns of the result, never along the inner
/// dimension of a product: every element is computed by the same sequence of operations on
/// any thread count, so results are bit-identical on 1 and on N threads.
///
/// ```swift
/// BackpropThreads.count = 1   // single-threaded from here on
/// ```
public enum BackpropThreads {
    /// The number of threads kernels may use (at least 1). Setting a value below 1 sets 1.
    public static var count: Int {
        get { Int(bp_threads()) }
        set { bp_set_threads(Int32(clamping: newValue)) }
    }

    /// The number of online processors of this machine.
    public static var processorCount: Int { Int(bp_processor_count()) }

    /// The instruction set the kernels chose at start-up: `"avx512"`, `"avx2"` or `"portable"`
    /// (`BACKPROP_ISA=avx2` or `=portable` caps it, for testing).
    public static var instructionSet: String { Kernels.instructionSet }

    /// How many of the calling thread's kernel calls so far were split into parts for the
    /// thread pool (for tests, which run beside other suites; the caller runs any part no
    /// worker has claimed in time).
    static var parallelDispatchCountOnThisThread: UInt { UInt(bp_parallel_dispatches_on_this_thread()) }
}
