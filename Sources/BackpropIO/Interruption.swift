#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// SIGINT and SIGTERM, handled so that a long run ends with a message instead of vanishing.
///
/// ``install()`` sets handlers (with `sigaction`, `SA_RESETHAND`: a second signal kills the
/// process at once) that do only async-signal-safe work:
/// - while a caller is in ``deferring(_:)`` (training), the handler only records the signal in
///   an atomic; the training session checks ``received`` between steps, finishes the step,
///   writes a checkpoint when checkpoints were asked for, says where it stopped and exits 130;
/// - otherwise (loading data, saving files) it writes one `error: interrupted` line to
///   standard error and exits at once with status 130 (`_exit`); every save is atomic, so a
///   file being written is left as it was.
public enum Interruption {
    /// The exit status of an interrupted command (128 + SIGINT, the shells' convention).
    public static let exitStatus: Int32 = 130

    /// The signal received while deferring; 0 when none.
    private static let signal = Atomic<Int32>(0)
    /// Whether a signal is only recorded (inside ``deferring(_:)``).
    private static let isDeferring = Atomic<Bool>(false)

    /// Installs the handlers of SIGINT and SIGTERM (once, at the start of the process).
    public static func install() {
        _ = signal.load(ordering: .relaxed)   // initialised before any handler can run
        _ = isDeferring.load(ordering: .relaxed)
        for number in [SIGINT, SIGTERM] {
            var action = sigaction()
            #if canImport(Darwin)
            action.__sigaction_u.__sa_handler = handleSignal
            #else
            action.__sigaction_handler.sa_handler = handleSignal
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND)
            sigaction(number, &action, nil)
        }
        // A parent may have left them blocked (a test runner, a service manager); unblock them.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// The signal (SIGINT or SIGTERM) received during ``deferring(_:)``, nil when none.
    public static var received: Int32? {
        let value = signal.load(ordering: .sequentiallyConsistent)
        return value == 0 ? nil : value
    }

    /// Runs `body` with signals only recorded (see the type's documentation); a signal received
    /// before is reported at once.
    public static func deferring<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        isDeferring.store(true, ordering: .sequentiallyConsistent)
        defer { isDeferring.store(false, ordering: .sequentiallyConsistent) }
        return try body()
    }

    /// `"SIGINT"` or `"SIGTERM"`.
    public static func name(of number: Int32) -> String {
        number == SIGTERM ? "SIGTERM" : number == SIGINT ? "SIGINT" : "signal \(number)"
    }

    fileprivate static func handle(_ number: Int32) {
        if isDeferring.load(ordering: .sequentiallyConsistent) {
            signal.store(number, ordering: .sequentiallyConsistent)
            return
        }
        let text: StaticString = number == SIGTERM
            ? "error: interrupted by SIGTERM; files being written are left as they were (saves are atomic)\n"
            : "error: interrupted by SIGINT; files being written are left as they were (saves are atomic)\n"
        _ = write(STDERR_FILENO, text.utf8Start, text.utf8CodeUnitCount)
        _exit(exitStatus)
    }
}

/// The C handler: only atomics, `write` and `_exit` (async-signal-safe).
private func handleSignal(_ number: Int32) {
    Interruption.handle(number)
}
