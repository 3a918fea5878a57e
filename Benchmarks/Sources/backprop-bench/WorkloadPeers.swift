import Foundation

/// Child processes for the training workloads: the peers' `bench_*.py` (as runner.py starts
/// them: thread variables set, JAX on one thread pinned with taskset) and our own workload
/// child, each under `/usr/bin/time -v` for its peak resident memory, after the machine has gone
/// quiet.
enum Peers {
    /// The peers' virtualenvs: $PEERS_HOME (default ~/.cache/peer-bench), `venv-<peer>/bin/python`.
    static func python(_ peer: String) -> String? {
        let env = ProcessInfo.processInfo.environment
        let home = env["PEERS_HOME"] ?? (NSHomeDirectory() + "/.cache/peer-bench")
        let path = home + "/venv-\(peer)/bin/python"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// The NumPy interpreter for data generation: the peer's, else `python3`.
    static var numpyPython: String { python("np") ?? "python3" }

    /// Runs `arguments` (through /usr/bin/env) and returns its status and its output (stdout
    /// and stderr together).
    static func runProcess(_ arguments: [String], environment: [String: String?] = [:], directory: String? = nil) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// One timed run: the RESULT line's fields, and the peak resident set in MB.
    struct Run {
        var fields: [String: Any]
        var peakMB: Double?
        var loopSeconds: Double? { fields["loop_s"] as? Double }
        var finalLoss: Double? { fields["final_loss"] as? Double }
        /// The whole process's wall time (from /usr/bin/time -v).
        var processSeconds: Double?
    }

    /// Runs `command` under /usr/bin/time -v with the thread variables of `threads`, and parses
    /// its `RESULT {json}` line; nil (reason printed) on failure.
    static func timedRun(_ command: [String], threads: Int, directory: String? = nil, label: String) -> Run? {
        waitQuiet()
        let env: [String: String?] = [
            "OMP_NUM_THREADS": String(threads), "OPENBLAS_NUM_THREADS": String(threads), "MKL_NUM_THREADS": String(threads),
            "BACKPROP_THREADS": String(threads), "OPENBLAS_CORETYPE": nil, "OPENBLAS_L2_SIZE": nil,
        ]
        let (status, output) = runProcess(["/usr/bin/time", "-v"] + command, environment: env, directory: directory)
        guard status == 0,
              let line = output.split(separator: "\n").last(where: { $0.hasPrefix("RESULT ") }),
              let object = try? JSONSerialization.jsonObject(with: Data(line.dropFirst(7).utf8)) as? [String: Any]
        else {
            print("  (\(label) failed, status \(status): \(output.suffix(500)))")
            return nil
        }
        var peak: Double?
        if let range = output.range(of: "Maximum resident set size (kbytes): ") {
            let digits = output[range.upperBound...].prefix { $0.isNumber }
            peak = Double(digits).map { $0 / 1024 }
        }
        return Run(fields: object, peakMB: peak, processSeconds: wallSeconds(output))
    }

    /// "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:00.39" of /usr/bin/time -v, in seconds.
    static func wallSeconds(_ output: String) -> Double? {
        guard let range = output.range(of: "Elapsed (wall clock) time (h:mm:ss or m:ss): ") else { return nil }
        let text = output[range.upperBound...].prefix { !$0.isNewline }
        return text.split(separator: ":").reduce(0.0) { total, part in total * 60 + (Double(part) ?? .nan) }
    }

    /// The command of a peer's run, or nil when its virtualenv is missing.
    static func peerCommand(_ peer: String, workload: String, threads: Int, dtype: String) -> [String]? {
        let venv = ["numpy": "np", "torch": "torch", "jax": "jax"][peer]!
        guard let python = python(venv) else { return nil }
        var command = [python, "bench_\(peer).py", workload, String(threads)]
        if peer == "numpy" && dtype == "f64" { command += ["--dtype", "f64"] }
        // As runner.py: XLA:CPU ignores its one-thread flags for dots, so pin the process.
        if peer == "jax" && threads == 1 { command = ["taskset", "-c", "0"] + command }
        return command
    }

    /// Busy CPU seconds of the whole machine (/proc/stat, all but idle and iowait).
    static func busySeconds() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first else { return 0 }
        let v = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard v.count >= 8 else { return 0 }
        return (v[0..<8].reduce(0, +) - v[3] - v[4]) / 100
    }

    /// Waits (up to `maxWait` seconds, then runs anyway) until the machine has been quiet — other processes using
    /// under `threshold` cores — for three consecutive half-second samples, as runner.py does.
    static func waitQuiet(threshold: Double = 0.15, maxWait: Double = 20) {
        let start = now()
        var quiet = 0
        while now() - start < maxWait && quiet < 3 {
            let b0 = busySeconds()
            usleep(500_000)
            quiet = (busySeconds() - b0) / 0.5 < threshold ? quiet + 1 : 0
        }
    }
}
