#if canImport(Backprop)
import Backprop
#else
import BackpropMatrix
#endif
import Foundation

// A workload child (see Workloads.swift): `backprop-bench --child W1 2`.
if CommandLine.arguments.count == 4 && CommandLine.arguments[1] == "--child" {
    exit(Workloads.child(CommandLine.arguments[2], threads: Int(CommandLine.arguments[3]) ?? 1))
}
// A streaming child (see Streaming.swift): `backprop-bench --streaming-child stream PATH 2 1`.
if CommandLine.arguments.count >= 2 && CommandLine.arguments[1] == "--streaming-child" {
    #if canImport(Backprop)
    exit(StreamingBenchmark.childMain(Array(CommandLine.arguments.dropFirst(2))))
    #else
    exit(2)
    #endif
}

// backprop-bench: Backprop's kernels against NumPy, measured in the same invocation.
//
// usage: backprop-bench [--threads 1,2] [--reps N] [--min-seconds S] [--rounds N] [--quick] [--no-peers]
//                       [--workloads W1,W2,...|all] [--workload-reps N] [--no-gemm] [--hdf5 [--data-folder DIR]]
//                       [--streaming [--streaming-gib G] [--streaming-folder DIR]]
// Prints one Markdown table: median seconds and GFLOP/s per case and thread count, NumPy's on
// the same case, and the ratio NumPy time / Backprop time (above 1: Backprop is faster).

var threadCounts = [1, 2]
var reps = 7
var minSeconds = 1.0
var rounds = 3
var quick = false
var peers = true
var workloads: [String] = []
var workloadReps = 3
var gemm = true
var hdf5 = false
var streaming = false
var streamingGiB = 4.0
var streamingFolder: String?
var dataFolder = ProcessInfo.processInfo.environment["BACKPROP_DATA"] ?? "../../shared/data"
var arguments = CommandLine.arguments.dropFirst().makeIterator()
func usage() -> Never {
    print("""
    usage: backprop-bench [--threads 1,2] [--reps N] [--min-seconds S] [--rounds N] [--quick] [--no-peers]
                          [--workloads W1,...|all] [--workload-reps N] [--no-gemm] [--hdf5 [--data-folder DIR]]
                          [--streaming [--streaming-gib G] [--streaming-folder DIR]]
      --threads      thread counts to measure (default 1,2)
      --reps         minimum timed runs per case (default 7; median reported)
      --min-seconds  keep running a case until this much time passed (default 1.0)
      --rounds       matrix-multiply rounds, each Backprop's cases then NumPy's (default 3; the
                     median of the rounds is reported, so a slow spell on a shared machine hits
                     both sides alike)
      --quick        skip 2048^3
      --no-peers     do not run NumPy
      --workloads    training workloads to run: \(Workloads.names.joined(separator: ",")) or all
      --workload-reps  runs per workload, ours and each peer's (default 3; median reported)
      --no-gemm      skip the matrix-multiply table
      --hdf5         time reading the course's train_set_x next to h5py
      --data-folder  where the course's .h5 files are (default $BACKPROP_DATA, else ../../shared/data)
      --streaming    train [784,128,64,10] streamed from a float32 .npy of --streaming-gib GiB (default 4)
                     written to --streaming-folder (default the temporary folder; removed after),
                     printing peak memory, and time an epoch streamed vs in memory on a file that fits
                     (threads: the first of --threads; skips the matrix-multiply table)
    """)
    exit(2)
}
/// The next argument as an integer ≥ 1, or exit 2 naming `option`.
@MainActor func positiveInteger(after option: String) -> Int {
    guard let v = arguments.next(), let n = Int(v), n >= 1 else { print("\(option): expected a positive integer"); exit(2) }
    return n
}

while let argument = arguments.next() {
    switch argument {
    case "--threads":
        guard let v = arguments.next() else { usage() }
        let parsed = v.split(separator: ",").compactMap { Int($0) }
        guard !parsed.isEmpty, parsed.allSatisfy({ $0 >= 1 }) else {
            print("--threads: expected positive integers separated by commas, got '\(v)'")
            exit(2)
        }
        threadCounts = parsed
    case "--reps":
        reps = positiveInteger(after: argument)
    case "--rounds":
        rounds = positiveInteger(after: argument)
    case "--min-seconds":
        guard let v = arguments.next(), let s = Double(v), s >= 0 else { print("--min-seconds: expected seconds >= 0"); exit(2) }
        minSeconds = s
    case "--quick": quick = true
    case "--no-peers": peers = false
    case "--workloads":
        guard let v = arguments.next() else { usage() }
        workloads = v == "all" ? Workloads.names : v.split(separator: ",").map(String.init)
    case "--workload-reps":
        workloadReps = positiveInteger(after: argument)
    case "--no-gemm": gemm = false
    case "--hdf5": hdf5 = true
    case "--streaming": streaming = true
    case "--streaming-gib":
        guard let v = arguments.next(), let g = Double(v), g > 0 else { print("--streaming-gib: expected a size in GiB above 0"); exit(2) }
        streamingGiB = g
    case "--streaming-folder":
        guard let v = arguments.next() else { usage() }
        streamingFolder = v
    case "--data-folder":
        guard let v = arguments.next() else { usage() }
        dataFolder = v
    case "--help", "-h": usage()
    default:
        print("unknown argument '\(argument)'")
        usage()
    }
}

#if DEBUG
print("warning: a debug build; measure with `swift run -c release backprop-bench`")
#endif
if hdf5 {
    #if canImport(Backprop)
    HDF5ReadBenchmark.run(dataFolder: dataFolder, reps: reps, minSeconds: minSeconds)
    #else
    print("--hdf5 needs the Backprop product")
    #endif
}
if streaming {
    #if canImport(Backprop)
    StreamingBenchmark.run(gibibytes: streamingGiB, folder: streamingFolder, threads: threadCounts[0])
    #else
    print("--streaming needs the Backprop product")
    #endif
    gemm = false
}
if gemm {
    let cases = GemmCase.standard(quick: quick)
    print("Backprop kernels: \(BackpropThreads.instructionSet), \(BackpropThreads.processorCount) processors; median of >= \(reps) runs and >= \(minSeconds) s per case; median of \(rounds) rounds, each Backprop's cases then NumPy's")
    print()
    print("| case | dtype | threads | Backprop s | Backprop GFLOP/s | NumPy s | NumPy GFLOP/s | NumPy time / Backprop time |")
    print("|---|---|---|---|---|---|---|---|")
    var peerVersion: String?
    for threads in threadCounts {
        BackpropThreads.count = threads
        var ourRounds: [[Double]] = [], theirRounds: [[Double]] = []
        for _ in 0..<rounds {
            ourRounds.append(cases.map { $0.time(reps: reps, minSeconds: minSeconds) })
            if peers, let theirs = NumPyPeer.run(cases: cases, threads: threads, reps: reps, minSeconds: minSeconds) {
                theirRounds.append(theirs.times)
                peerVersion = theirs.version
            }
        }
        for (i, c) in cases.enumerated() {
            let t = median(ourRounds.map { $0[i] })
            let p = theirRounds.isEmpty ? nil : median(theirRounds.map { $0[i] })
            func f(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
            let peerColumns = p.map { "\(f($0, 5)) | \(f(c.flops / $0 / 1e9, 1)) | \(f($0 / t, 2))×" } ?? "– | – | –"
            print("| \(c.name) | \(c.double ? "f64" : "f32") | \(threads) | \(f(t, 5)) | \(f(c.flops / t / 1e9, 1)) | \(peerColumns) |")
            fflush(nil)   // rows appear as they are measured, also into a file
        }
    }
    if let peerVersion { print("\nPeer: \(peerVersion), OPENBLAS_NUM_THREADS = threads, OPENBLAS_CORETYPE unset") }
}
if !workloads.isEmpty {
    print()
    Workloads.run(workloads, threadCounts: threadCounts, reps: workloadReps, peers: peers)
}
