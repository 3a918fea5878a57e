#if canImport(Backprop)
import Backprop
#else
import BackpropNN
import BackpropFormats
#endif
import Foundation

/// One training workload of ../shared/bench/README.md (defined by peers/common.py).
struct Workload {
    var name: String
    var dtype: String
    var layers: [Int]
    var batchSize: Int?
    var learningRate: Double
    var multiclass: Bool
    var optimizer: Optimizer
    var epochs: Int
    /// How W(1) is trained: forced to the earlier rows' algorithm (`fused`, the same arithmetic
    /// as the peers), or nil for Backprop's automatic choice (the "auto" rows: Gram space for
    /// W1), whose child also saves the model, so that its process time covers load, G, the
    /// final W(1) and the save.
    var firstLayer: FirstLayerStrategy? = .fused

    /// "W1f64" is W1 in float64; the others are float32.
    static func named(_ label: String) -> Workload? {
        switch label {
        case "W1", "W1f64", "W1auto", "W1f64auto":
            return Workload(name: label.hasSuffix("auto") ? "W1auto" : "W1", dtype: label.hasPrefix("W1f64") ? "f64" : "f32",
                            layers: [12288, 20, 7, 5, 1], batchSize: nil, learningRate: 0.0075, multiclass: false,
                            optimizer: .gradientDescent, epochs: 2500, firstLayer: label.hasSuffix("auto") ? nil : .fused)
        case "W2", "W2adam":
            return Workload(name: label, dtype: "f32", layers: [784, 128, 64, 10], batchSize: 64,
                            learningRate: label == "W2" ? 0.1 : 0.001, multiclass: true,
                            optimizer: label == "W2" ? .gradientDescent : .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), epochs: 1)
        case "W3":
            return Workload(name: "W3", dtype: "f32", layers: [784, 1024, 1024, 10], batchSize: 256,
                            learningRate: 0.1, multiclass: true, optimizer: .gradientDescent, epochs: 1)
        default: return nil
        }
    }

    var label: String { dtype == "f64" ? name.replacingOccurrences(of: "W1", with: "W1f64") : name }

    /// The workload whose data and peers this one shares (W1auto: W1).
    var dataName: String { name == "W1auto" ? "W1" : name }

    /// The network and options: ReLU hidden layers; sigmoid + BCE or softmax + CE; in order,
    /// without shuffling, the last partial batch dropped (as the peers cut X[:, t*B:(t+1)*B]).
    func options() -> TrainingOptions {
        TrainingOptions(learningRate: learningRate, epochs: epochs, batchSize: batchSize, shuffle: false, dropLast: true,
                        optimizer: optimizer, costInterval: 1, numerics: .stable, firstLayer: batchSize == nil ? firstLayer : nil)
    }

    func architecture() -> NetworkArchitecture {
        let hidden = layers.dropFirst().dropLast().map { LayerSpec(units: $0, activation: .relu) }
        let output = LayerSpec(units: layers.last!, activation: multiclass ? .softmax : .sigmoid)
        return NetworkArchitecture(inputSize: layers[0], layers: hidden + [output],
                                   loss: multiclass ? .categoricalCrossEntropy : .binaryCrossEntropy)
    }
}

/// The training workloads, timed like the peers time them (the training loop only, same seeded
/// data and initial weights), each run in a fresh child process (`backprop-bench --child W1 2`)
/// for a clean peak-memory figure, and compared with the peers' `bench_*.py` run in the same
/// invocation.
enum Workloads {
    static let names = ["W1", "W1auto", "W1f64", "W1f64auto", "W2", "W2adam", "W3"]

    /// The child: loads the cached data, trains once, prints `RESULT {json}` with the loop
    /// seconds, the first costs and the final cost, and VmHWM.
    static func child(_ label: String, threads: Int) -> Int32 {
        guard let workload = Workload.named(label), let folder = WorkloadData.prepare(workload) else { return 2 }
        BackpropThreads.count = threads
        do {
            return workload.dtype == "f64" ? try train(workload, folder, Double.self, threads) : try train(workload, folder, Float.self, threads)
        } catch {
            print("child \(label): \(error)")
            return 1
        }
    }

    static func train<T: MatrixScalar>(_ workload: Workload, _ folder: String, _: T.Type, _ threads: Int) throws -> Int32 {
        let data = try WorkloadData.load(folder, as: T.self)
        var network = try Network<T>(architecture: workload.architecture(), parameters: data.parameters)
        let t0 = now()
        let result = try network.train(X: data.X, labels: data.labels, options: workload.options())
        let seconds = now() - t0
        if workload.firstLayer == nil {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-bench-\(ProcessInfo.processInfo.processIdentifier).safetensors").path
            try ModelFile.write(TrainedModel(network: network, info: ModelInfo()), to: path)
            try? FileManager.default.removeItem(atPath: path)
        }
        let costs = result.costs.map { Double($0.cost) }
        let early = Array(costs.prefix(WorkloadData.earlySteps))
        let check = zip(early, data.numpyLosses).map { abs($0 - $1) / Swift.max(1, abs($1)) }.max() ?? .nan
        let fields: [String: Any] = [
            "loop_s": seconds, "final_loss": costs.last ?? .nan, "iterations": result.state.iteration,
            "early": early, "numpy_early": data.numpyLosses, "early_max_rel_diff": check,
            "threads": BackpropThreads.count, "isa": BackpropThreads.instructionSet, "vmhwm_kb": peakKilobytes() ?? -1,
            "first_layer": workload.firstLayer?.rawValue ?? "auto",
        ]
        let json = try JSONSerialization.data(withJSONObject: fields)
        print("RESULT " + String(decoding: json, as: UTF8.self))
        return 0
    }

    /// VmHWM (peak resident set) of this process, in kB.
    static func peakKilobytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }

    /// Runs every requested workload on every thread count, `reps` times each, ours and the
    /// peers', and prints one Markdown table of medians and ratios.
    static func run(_ requested: [String], threadCounts: [Int], reps: Int, peers: Bool) {
        let me = CommandLine.arguments[0].hasPrefix("/") ? CommandLine.arguments[0]
            : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0]
        let peerDirectory = WorkloadData.peersDirectory
        print("Training workloads: median loop seconds of \(reps) runs, each in a fresh process; peak RSS from /usr/bin/time -v (MB);")
        print("ratio = peer time / Backprop time (above 1: Backprop is faster). Peers: bench_numpy.py (NumPy, OpenBLAS), bench_torch.py (eager), bench_jax.py (jit).")
        print()
        print("| workload | dtype | threads | Backprop s | NumPy s | PyTorch s | JAX s | best peer | best / Backprop | RSS MB: Backprop / NumPy / PyTorch / JAX | early loss vs NumPy (max rel. diff, 3 steps) |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for label in requested {
            guard let workload = Workload.named(label) else { print("unknown workload \(label); known: \(names)"); continue }
            guard WorkloadData.prepare(workload) != nil else { continue }
            for threads in threadCounts {
                var ours: [Peers.Run] = []
                var theirs: [String: [Peers.Run]] = [:]
                let peerNames = !peers || peerDirectory == nil ? [] : (workload.dtype == "f64" ? ["numpy"] : ["numpy", "torch", "jax"])
                for _ in 0..<reps {
                    if let run = Peers.timedRun([me, "--child", label, String(threads)], threads: threads, label: "Backprop \(label)") { ours.append(run) }
                    for peer in peerNames {
                        guard let command = Peers.peerCommand(peer, workload: workload.dataName, threads: threads, dtype: workload.dtype) else { continue }
                        if let run = Peers.timedRun(command, threads: threads, directory: peerDirectory, label: "\(peer) \(label)") {
                            theirs[peer, default: []].append(run)
                        }
                    }
                }
                printRow(workload, threads: threads, ours: ours, theirs: theirs)
            }
        }
    }

    static func printRow(_ workload: Workload, threads: Int, ours: [Peers.Run], theirs: [String: [Peers.Run]]) {
        func f(_ x: Double?, _ digits: Int = 3) -> String { x.map { String(format: "%.\(digits)f", $0) } ?? "–" }
        func med(_ runs: [Peers.Run]?) -> Double? {
            let t = (runs ?? []).compactMap(\.loopSeconds)
            return t.isEmpty ? nil : median(t)
        }
        func rss(_ runs: [Peers.Run]?) -> Double? {
            let r = (runs ?? []).compactMap(\.peakMB)
            return r.isEmpty ? nil : median(r)
        }
        let ourTime = med(ours)
        let process = (ours.compactMap(\.processSeconds)).sorted()
        let processText = process.isEmpty ? "" : " (process \(f(median(process))))"
        let peerTimes = ["numpy", "torch", "jax"].map { (name: $0, time: med(theirs[$0])) }
        let best = peerTimes.compactMap { p in p.time.map { (p.name, $0) } }.min { $0.1 < $1.1 }
        let ratio = best.flatMap { b in ourTime.map { b.1 / $0 } }
        let early = ours.first?.fields["early_max_rel_diff"] as? Double
        let rssText = [rss(ours), rss(theirs["numpy"]), rss(theirs["torch"]), rss(theirs["jax"])].map { f($0, 0) }.joined(separator: " / ")
        print("| \(workload.name) | \(workload.dtype) | \(threads) | \(f(ourTime))\(processText) | \(f(peerTimes[0].time)) | \(f(peerTimes[1].time)) | \(f(peerTimes[2].time)) | "
              + "\(best.map { "\(f($0.1)) (\($0.0))" } ?? "–") | \(ratio.map { f($0, 2) + "×" } ?? "–") | \(rssText) | \(early.map { String(format: "%.1e", $0) } ?? "–") |")
        fflush(nil)
    }
}
