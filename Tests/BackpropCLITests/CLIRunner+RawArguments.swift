import Foundation
import Testing

extension CLIRunner {
    /// Runs `backprop` with arguments given as raw bytes (so that a file name that is not UTF-8
    /// reaches the program exactly, which `Process` cannot do), in ``folder``, through
    /// `posix_spawn`; standard output and error go to files. With `signal`, that signal is sent
    /// `after` seconds after the start; the result has the run's peak resident memory (``highWaterMark(of:)``, sampled every 2 ms). After `timeout` seconds the run is killed (SIGKILL) and
    /// reported as ``Result/killedBySignal``.
    func run(rawArguments: [[UInt8]], timeout: Double = 600, environment: [String: String] = [:],
             signal: (number: Int32, after: Double)? = nil) throws -> Result {
        let executable = try #require(Self.executable, "the backprop executable was not built")
        let outPath = path(".stdout-\(UUID().uuidString)"), errPath = path(".stderr-\(UUID().uuidString)")
        defer { unlink(outPath); unlink(errPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // `sh` changes to the folder and execs the tool with the bytes unchanged (glibc's headers
        // do not offer posix_spawn_file_actions_addchdir_np to Swift).
        let shell = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", folder.path, executable].map { Array($0.utf8) }
        let argv = (shell + rawArguments).map { bytes -> UnsafeMutablePointer<CChar>? in
            let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (i, byte) in bytes.enumerated() { pointer[i] = CChar(bitPattern: byte) }
            pointer[bytes.count] = 0
            return pointer
        } + [nil]
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { $0?.deallocate() }
            envp.forEach { free($0) }
        }
        // The child starts with no blocked signals and default dispositions, whatever the test
        // runner's threads block or ignore.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), defaults = sigset_t()
        sigemptyset(&none)
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
        try #require(spawned == 0, "posix_spawn failed: \(spawned)")
        let start = Date()
        var signalled = signal == nil
        var status: Int32 = 0
        var peak: Int?
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            // Another waiter (Foundation's Process reaps children) must not make a run look like a success.
            try #require(waited == 0 || errno == EINTR, "waitpid(\(pid)) failed: errno \(errno)")
            if let mark = Self.highWaterMark(of: pid) { peak = max(peak ?? 0, mark) }
            let elapsed = Date().timeIntervalSince(start)
            if let signal, !signalled, elapsed >= signal.after {
                kill(pid, signal.number)
                signalled = true
            }
            if elapsed > timeout { kill(pid, SIGKILL) }
            usleep(2000)
        }
        let exited = status & 0x7f == 0
        let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return Result(status: exited ? (status >> 8) & 0xff : status & 0x7f, stdout: read(outPath), stderr: read(errPath),
                      killedBySignal: !exited, maximumResidentKiB: peak)
    }

    /// The peak resident memory (`VmHWM`, KiB) of process `pid` once it runs `backprop`, from
    /// /proc; nil before (while it is still the shell, or the spawning process's copy) or when
    /// /proc cannot say. `ru_maxrss` from `wait4` cannot serve: a spawned child starts in its
    /// parent's address space, and the kernel keeps that peak across `exec`.
    static func highWaterMark(of pid: pid_t) -> Int? {
        // /proc files report a size of 0, so they are read with read(2) until it returns 0.
        let descriptor = open("/proc/\(pid)/status", O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes += buffer[..<count]
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n")
        guard lines.contains(where: { $0.hasPrefix("Name:") && $0.hasSuffix("backprop") }),
              let line = lines.first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.dropFirst("VmHWM:".count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
    }
}
