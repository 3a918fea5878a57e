#if canImport(Backprop)
import Backprop
import Foundation

/// Reading the course's `train_set_x` (209 × 64 × 64 × 3 uint8) with BackpropHDF5 next to
/// h5py reading the same dataset, both timed in this invocation (issue 3's benchmark).
///
/// Three cases, each including opening the file: the raw bytes (h5py: `f["train_set_x"][()]`),
/// the values as float64 (h5py: `[()].astype(np.float64)`), and the course's whole preparation of
/// both files, X = x.reshape(m, -1).T / 255 (h5py + NumPy).
enum HDF5ReadBenchmark {
    static func run(dataFolder: String, reps: Int, minSeconds: Double) {
        let train = dataFolder + "/train_catvnoncat.h5"
        guard FileManager.default.fileExists(atPath: train) else {
            print("HDF5 read: skipped, \(train) not found (pass --data-folder or set BACKPROP_DATA)\n")
            return
        }
        let ours: [(String, Double)] = [
            ("train_set_x raw uint8", measure(reps: reps, minSeconds: minSeconds) {
                _ = try! HDF5File(path: train).dataset(at: "train_set_x").readRaw()
            }),
            ("train_set_x as float64", measure(reps: reps, minSeconds: minSeconds) {
                _ = try! HDF5File(path: train).dataset(at: "train_set_x").read(as: Double.self)
            }),
            ("course X, Y of both files", measure(reps: reps, minSeconds: minSeconds) {
                _ = try! Dataset<Double>.catImages(folder: dataFolder)
            }),
        ]
        let script = """
            import time, sys, h5py, numpy as np
            folder = sys.argv[1]; reps = int(sys.argv[2])
            def med(f):
                f(); f(); ts = []
                start = time.perf_counter()
                while len(ts) < reps or (time.perf_counter() - start < 1.0 and len(ts) < 1000):
                    t0 = time.perf_counter(); f(); ts.append(time.perf_counter() - t0)
                ts.sort(); return ts[len(ts) // 2]
            def raw():
                with h5py.File(folder + "/train_catvnoncat.h5", "r") as f: f["train_set_x"][()]
            def f64():
                with h5py.File(folder + "/train_catvnoncat.h5", "r") as f: f["train_set_x"][()].astype(np.float64)
            def course():
                for part in ("train", "test"):
                    with h5py.File(folder + "/%s_catvnoncat.h5" % part, "r") as f:
                        x = f[part + "_set_x"][()]; y = f[part + "_set_y"][()]
                        X = x.reshape(x.shape[0], -1).T / 255; Y = y.reshape(1, -1)
            print(med(raw), med(f64), med(course), h5py.__version__)
            """
        let peer = runPython(script, arguments: [dataFolder, String(reps)])
        let fields = peer?.split(separator: " ").map(String.init) ?? []
        let peerTimes = fields.prefix(3).compactMap(Double.init)
        print("### Reading train_catvnoncat.h5 (median seconds, file opened each time)\n")
        print("| case | Backprop | h5py\(fields.count == 4 ? " " + fields[3] : "") | ratio (h5py / Backprop) |")
        print("|---|---|---|---|")
        for (i, (name, t)) in ours.enumerated() {
            let p = i < peerTimes.count ? peerTimes[i] : .nan
            print("| \(name) | \(format(t)) | \(p.isNaN ? "n/a" : format(p)) | \(p.isNaN ? "n/a" : String(format: "%.2f×", p / t)) |")
        }
        if peerTimes.count < 3 { print("\n(h5py not importable by python3: peer column skipped)") }
        print("")
    }

    static func format(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }

    /// Runs `python3 -c script arguments…` and returns its standard output, or nil.
    static func runPython(_ script: String, arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
#endif
