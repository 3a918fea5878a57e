#if canImport(Backprop)
import Backprop
import Foundation

/// Streamed training from a .npy file larger than memory (issue 15's benchmark).
///
/// `backprop-bench --streaming [--streaming-gib 4] [--streaming-folder DIR]`:
/// 1. writes a float32 .npy of (m, 784) rows, at least `--streaming-gib` GiB (4: m = 1,369,569),
///    into a temporary folder (removed at the end; never committed), with class labels 0–9;
/// 2. trains [784, 128, 64, 10] (ReLU, ReLU, softmax) with Adam, batch 256, 2 epochs, streamed
///    from it, in a child process that prints its peak resident memory (VmHWM);
/// 3. on a file that fits (the first 81,920 rows), times one epoch in memory and one streamed
///    from the page cache (after a warm-up epoch), in child processes, and prints their ratio.
///
/// Both runs use the same block shuffling (blocks of 1024 examples, windows of 32 blocks),
/// float32, and the thread count printed (matrix kernels), plus the stream's one reader thread.
enum StreamingBenchmark {
    static let features = 784, classes = 10
    static let shuffle = BlockShuffle(blockSize: 1024, bufferBlocks: 32)

    static func run(gibibytes: Double, folder: String?, threads: Int) {
        let base = folder.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
        let work = base.appendingPathComponent("backprop-streaming-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let m = Int((gibibytes * Double(1 << 30) / Double(features * 4)).rounded(.up))
        let big = work.appendingPathComponent("x.npy").path, small = work.appendingPathComponent("fits.npy").path
        print("Streaming: writing \(big): (\(m), \(features)) float32, \(String(format: "%.2f", Double(m * features * 4) / 1e9)) GB")
        let t0 = now()
        write(rows: m, to: big)
        write(rows: 81_920, to: small)
        print(String(format: "  written in %.1f s", now() - t0))
        print("  [784, 128, 64, 10] ReLU/softmax, Adam 0.001, batch 256, float32, \(threads) kernel thread(s) + 1 reader thread;"
              + " blocks of \(shuffle.blockSize) examples, windows of \(shuffle.bufferBlocks) blocks")
        guard let streamed = child(["stream", big, "2", "\(threads)"]) else { return }
        print("  streamed, 2 epochs of \(m) examples: \(streamed)")
        var memoryTimes: [Double] = [], streamTimes: [Double] = []
        for _ in 0..<3 {
            if let line = child(["memory", small, "2", "\(threads)"]), let s = epochSeconds(line) { memoryTimes.append(s) }
            if let line = child(["stream", small, "2", "\(threads)"]), let s = epochSeconds(line) { streamTimes.append(s) }
        }
        let ratio = median(streamTimes) / median(memoryTimes)
        print(String(format: "  81,920 examples (a file that fits), second epoch, median of 3 runs: in memory %.3f s, streamed from the page cache %.3f s: streamed / in memory = %.2f×",
                     median(memoryTimes), median(streamTimes), ratio))
    }

    /// The last epoch's seconds from a child's line (`… last_epoch_s=1.23 …`).
    static func epochSeconds(_ line: String) -> Double? {
        line.split(separator: " ").first { $0.hasPrefix("last_epoch_s=") }.flatMap { Double($0.dropFirst(13)) }
    }

    /// Runs `backprop-bench --streaming-child …` and returns its last line.
    static func child(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["--streaming-child"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { print("  child failed to start: \(error)"); return nil }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { print("  child \(arguments) failed: \(output)"); return nil }
        return output.split(separator: "\n").last.map(String.init)
    }

    /// A float32 (rows, 784) .npy whose rows are a class's mean plus noise, written 8 MiB at a
    /// time; the labels are row % 10.
    static func write(rows: Int, to path: String) {
        let header = NumPyFile.header(shape: [rows, features], dtype: .float32)
        FileManager.default.createFile(atPath: path, contents: Data(header))
        let handle = FileHandle(forWritingAtPath: path)!
        handle.seekToEndOfFile()
        var generator = SeededGenerator(seed: 7)
        let perChunk = (8 << 20) / (features * 4)
        var row = 0
        while row < rows {
            let count = Swift.min(perChunk, rows - row)
            var values = [Float](repeating: 0, count: count * features)
            for r in 0..<count {
                let label = (row + r) % classes
                for f in 0..<features { values[r * features + f] = Float((f % classes == label) ? 1 : 0) + Float.random(in: -0.5...0.5, using: &generator) }
            }
            handle.write(values.withUnsafeBytes { Data($0) })
            row += count
        }
        handle.closeFile()
    }

    /// `--streaming-child memory|stream PATH EPOCHS THREADS`: trains and prints one line with
    /// every epoch's seconds, examples/s, MB/s read and the peak resident memory.
    static func childMain(_ arguments: [String]) -> Int32 {
        guard arguments.count == 4, let epochs = Int(arguments[2]), let threads = Int(arguments[3]) else { return 2 }
        BackpropThreads.count = threads
        do {
            let stream = try ExampleFileStream<Float>(npy: arguments[1])
            let m = stream.exampleCount
            let labels = Matrix<Float>(rows: 1, columns: m) { _, column in Float(column % classes) }
            let network = try Network<Float>(inputSize: features, layers: [LayerSpec(units: 128, activation: .relu), LayerSpec(units: 64, activation: .relu),
                                                                           LayerSpec(units: classes, activation: .softmax)],
                                             loss: .categoricalCrossEntropy, initializer: .he, seed: 1)
            var options = TrainingOptions(learningRate: 0.001, epochs: epochs, batchSize: 256, seed: 1, optimizer: .adam(), costInterval: 1000)
            options.blockShuffle = shuffle
            var loop: TrainingLoop<Float>
            if arguments[0] == "memory" {
                let X = try NumPyFile.read(path: arguments[1]).matrix(as: Float.self).transposed
                loop = try TrainingLoop(network: network, X: X, labels: labels, options: options)
            } else {
                loop = try TrainingLoop(network: network, stream: stream, labels: labels, options: options)
            }
            var times: [Double] = [], cost: Float = 0
            while !loop.isFinished {
                let t0 = now()
                while !loop.isEpochComplete { cost = try loop.step().cost }
                _ = loop.endEpoch()
                times.append(now() - t0)
            }
            let total = times.reduce(0, +), read = arguments[0] == "memory" ? 0 : stream.bytesRead
            print(String(format: "epochs_s=%@ last_epoch_s=%.3f examples_per_s=%.0f read_MB_per_s=%.0f last_cost=%.4g peak_rss_MB=%.0f",
                         times.map { String(format: "%.2f", $0) }.joined(separator: ","), times.last ?? 0,
                         Double(m * epochs) / total, Double(read) / 1e6 / total, Double(cost), Double(Workloads.peakKilobytes() ?? -1) / 1024))
            return 0
        } catch {
            print("error: \(error)")
            return 1
        }
    }
}
#endif
