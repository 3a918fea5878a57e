import Foundation

/// NumPy measured in the same invocation: a small Python script run once per thread count,
/// with the BLAS thread count set through OPENBLAS_NUM_THREADS before NumPy is imported, and
/// OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE removed (they pin an old kernel on some machines and
/// slow a current NumPy; see the environment notes).
///
/// The interpreter is the NumPy peer virtualenv of `../shared/bench/peers/setup.sh` when it
/// exists ($PEERS_HOME, default ~/.cache/peer-bench, `venv-np/bin/python`), else `python3`.
enum NumPyPeer {
    static let script = #"""
import json, os, statistics, sys, time
import numpy as np
cases = json.loads(sys.argv[1]); reps = int(sys.argv[2]); min_s = float(sys.argv[3])
rng = np.random.default_rng(0)
out = []
for c in cases:
    dt = np.float32 if c["dtype"] == "f32" else np.float64
    m, n, k, ta, tb = c["m"], c["n"], c["k"], c["ta"], c["tb"]
    A = rng.standard_normal((k, m) if ta else (m, k)).astype(dt)
    B = rng.standard_normal((n, k) if tb else (k, n)).astype(dt)
    opA = A.T if ta else A
    opB = B.T if tb else B
    f = lambda: opA @ opB
    f(); f()
    ts = []; t_start = time.perf_counter()
    while len(ts) < reps or (time.perf_counter() - t_start < min_s and len(ts) < 1000):
        t0 = time.perf_counter(); f(); ts.append(time.perf_counter() - t0)
    out.append(statistics.median(ts))
cfg = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
print("RESULT " + json.dumps({"times": out, "numpy": np.__version__, "blas": cfg.get("name", "") + " " + cfg.get("version", "")}))
"""#

    /// The Python interpreter to use.
    static var python: String {
        let env = ProcessInfo.processInfo.environment
        let home = env["PEERS_HOME"] ?? (NSHomeDirectory() + "/.cache/peer-bench")
        let venv = home + "/venv-np/bin/python"
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3"
    }

    /// Median seconds per case, or nil (with the reason printed) when NumPy cannot run.
    static func run(cases: [GemmCase], threads: Int, reps: Int, minSeconds: Double) -> (times: [Double], version: String)? {
        let json = "[" + cases.map {
            "{\"m\":\($0.m),\"n\":\($0.n),\"k\":\($0.k),\"ta\":\($0.transposeA ? "true" : "false"),\"tb\":\($0.transposeB ? "true" : "false"),\"dtype\":\"\($0.double ? "f64" : "f32")\"}"
        }.joined(separator: ",") + "]"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", script, json, String(reps), String(minSeconds)]
        var env = ProcessInfo.processInfo.environment
        env["OPENBLAS_NUM_THREADS"] = String(threads)
        env["OMP_NUM_THREADS"] = String(threads)
        env.removeValue(forKey: "OPENBLAS_CORETYPE")
        env.removeValue(forKey: "OPENBLAS_L2_SIZE")
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch {
            print("  (NumPy peer not run: \(error))")
            return nil
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0,
              let line = text.split(separator: "\n").last(where: { $0.hasPrefix("RESULT ") }),
              let object = try? JSONSerialization.jsonObject(with: Data(line.dropFirst(7).utf8)) as? [String: Any],
              let times = object["times"] as? [Double]
        else {
            print("  (NumPy peer failed: \(text.suffix(400)))")
            return nil
        }
        return (times, "NumPy \(object["numpy"] ?? "?") (\(object["blas"] ?? "?"))")
    }
}
