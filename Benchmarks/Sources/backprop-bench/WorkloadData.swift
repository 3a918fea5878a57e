#if canImport(Backprop)
import Backprop
#else
import BackpropNN
import BackpropFormats
#endif
import Foundation

/// The data and initial weights of a workload, made by the peers' own `common.py` (so every
/// run, ours and the peers', trains the same network on the same numbers) and cached as .npy.
///
/// A small Python script (system `python3` or the NumPy peer's, with NumPy) writes into
/// `$BACKPROP_BENCH_CACHE` (default ~/.cache/backprop-bench)/<workload>-<dtype>/:
/// X in row blocks `X.0.npy`, `X.1.npy`, … (at most 4 MB each, so loading never holds two
/// copies of X), `Y.npy` (labels as a (1, m) row: 0/1, or class indices), `W1.npy`, `b1.npy`, …,
/// and `losses.json`: the NumPy peer's (bench_numpy.train) costs of the first steps, the
/// reference our early losses are checked against.
enum WorkloadData {
    static let earlySteps = 3

    static let script = #"""
import json, os, sys, types
import numpy as np
peers, name, dt, out = sys.argv[1:5]
sys.path.insert(0, peers)
try:
    import threadpoolctl  # bench_numpy imports it; only its main() uses it
except ImportError:
    sys.modules["threadpoolctl"] = types.ModuleType("threadpoolctl")
import common, bench_numpy
dtype = {"f32": np.float32, "f64": np.float64}[dt]
X, Y = common.make_data(name, dtype)
rows = max(1, (4 << 20) // (X.shape[1] * X.itemsize))
blocks = 0
for r in range(0, X.shape[0], rows):
    np.save(os.path.join(out, f"X.{blocks}.npy"), np.ascontiguousarray(X[r:r + rows])); blocks += 1
w = common.spec(name)
if w["task"] == "multiclass":
    np.save(os.path.join(out, "Y.npy"), Y.astype(dtype).reshape(1, -1))
    Yt = np.zeros((w["layers"][-1], X.shape[1]), dtype=dtype); Yt[Y, np.arange(X.shape[1])] = 1
else:
    np.save(os.path.join(out, "Y.npy"), Y)
    Yt = Y
for l, (W, b) in enumerate(common.make_params(name, dtype), start=1):
    np.save(os.path.join(out, f"W{l}.npy"), W); np.save(os.path.join(out, f"b{l}.npy"), b)
losses = []
for k in range(1, int(sys.argv[5]) + 1):
    os.environ["BENCH_ITERS"] = str(k)
    losses.append(bench_numpy.train(name, X, Yt, common.make_params(name, dtype)))
json.dump({"blocks": blocks, "losses": losses, "numpy": np.__version__}, open(os.path.join(out, "meta.json"), "w"))
"""#

    /// The peers' folder: $PEERS_DIR, else ../shared/bench/peers from the package root or
    /// the current folder.
    static var peersDirectory: String? {
        let env = ProcessInfo.processInfo.environment
        var candidates = [env["PEERS_DIR"]].compactMap { $0 }
        let here = FileManager.default.currentDirectoryPath
        candidates += [here + "/../shared/bench/peers", here + "/../../shared/bench/peers", "/work/shared/bench/peers"]
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/common.py") }
    }

    static var cacheRoot: String {
        ProcessInfo.processInfo.environment["BACKPROP_BENCH_CACHE"] ?? (NSHomeDirectory() + "/.cache/backprop-bench")
    }

    /// The cache folder of a workload, made on first use. Returns nil (reason printed) when
    /// Python or the peers' folder is missing.
    static func prepare(_ workload: Workload) -> String? {
        let folder = cacheRoot + "/\(workload.dataName)-\(workload.dtype)"
        if FileManager.default.fileExists(atPath: folder + "/meta.json") { return folder }
        guard let peers = peersDirectory else {
            print("  (no peers folder with common.py: set PEERS_DIR)")
            return nil
        }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let (status, output) = Peers.runProcess(
            [Peers.numpyPython, "-c", script, peers, workload.dataName, workload.dtype, folder, String(earlySteps)],
            environment: ["OPENBLAS_NUM_THREADS": "2"])
        guard status == 0 else {
            print("  (data for \(workload.dataName) \(workload.dtype) not made: \(output.suffix(600)))")
            try? FileManager.default.removeItem(atPath: folder)
            return nil
        }
        return folder
    }

    /// X (n_0, m), labels (1, m), the initial parameters and NumPy's first costs from a cache folder.
    static func load<T: MatrixScalar>(_ folder: String, as _: T.Type) throws -> (X: Matrix<T>, labels: Matrix<T>, parameters: Parameters<T>, numpyLosses: [Double]) {
        let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/meta.json"))) as! [String: Any]
        let blocks = meta["blocks"] as! Int
        var X = Matrix<T>(rows: 0, columns: 0)
        var filled = 0
        for i in 0..<blocks {
            let path = folder + "/X.\(i).npy"
            let block: Matrix<T> = try NumPyFile.read(path: path).matrix(as: T.self, file: path)
            if i == 0 {
                // Rows per block are equal except the last: size X from the first block and the count.
                let total = blocks == 1 ? block.rows : block.rows * (blocks - 1) + (try lastBlockRows(folder, blocks))
                X = Matrix(rows: total, columns: block.columns)
            }
            X.withUnsafeMutableBufferPointer { out in
                block.withUnsafeBufferPointer { src in
                    _ = UnsafeMutableBufferPointer(rebasing: out[filled..<(filled + src.count)]).initialize(from: src)
                }
            }
            filled += block.count
        }
        let labels: Matrix<T> = try NumPyFile.read(path: folder + "/Y.npy").matrix(as: T.self, file: folder + "/Y.npy")
        var layers: [DenseParameters<T>] = []
        var l = 1
        while FileManager.default.fileExists(atPath: folder + "/W\(l).npy") {
            let W: Matrix<T> = try NumPyFile.read(path: folder + "/W\(l).npy").matrix(as: T.self)
            let b: Matrix<T> = try NumPyFile.read(path: folder + "/b\(l).npy").matrix(as: T.self)
            layers.append(DenseParameters(W: W, b: b))
            l += 1
        }
        return (X, labels, Parameters(layers: layers), (meta["losses"] as! [NSNumber]).map(\.doubleValue))
    }

    private static func lastBlockRows(_ folder: String, _ blocks: Int) throws -> Int {
        try NumPyFile.read(path: folder + "/X.\(blocks - 1).npy").shape[0]
    }
}
