import Foundation

/// The `--log FILE` of `backprop train`: one JSON object per line.
///
///     {"event":"start","first_layer":"gram","first_layer_reason":"full batch, gd, m = 209 ≤ n_x / 2 = 6144",
///      "settings":{"layers":"12288,20,7,5,1","learning_rate":"0.0075","optimizer":"gd",…}}
///     {"event":"cost","iteration":0,"epoch":0,"cost":0.7717493284237686,"elapsed":0.012}
///     …
///     {"event":"test","iteration":13,"epoch":12,"test_cost":0.61,"test_accuracy":0.7,"elapsed":0.2}
///     …
///     {"event":"final","iterations":2500,"train_accuracy":0.9856459330143541,"test_accuracy":0.8,"train_cost":0.0887,"elapsed":41.2}
///
/// Costs are written at full precision (the shortest decimal that reads back to the same
/// binary value; float32 costs are widened to float64 first). Lines are appended and flushed
/// as training goes, so a log of an interrupted run is still readable; `backprop plot` reads
/// it back with ``read(_:)``. The start line carries the run's settings (those a model records,
/// ``TrainingConfiguration/record(_:)``, and the layer sizes); `test` lines give the cost on the
/// held-out data after `iteration` updates, as often as ``TrainingSession`` evaluates it.
public final class TrainingLog {
    /// One cost line.
    public struct Entry: Sendable, Equatable, Codable {
        /// The line's kind: `start`, `cost`, `test` or `final`.
        public var event: String
        /// The iteration (cost lines) or the total number of iterations (final line).
        public var iteration: Int?
        /// The epoch, from 0.
        public var epoch: Int?
        /// The cost of the iteration's batch before its update.
        public var cost: Double?
        /// Seconds since training started.
        public var elapsed: Double?
        /// The number of iterations run (final line).
        public var iterations: Int?
        /// Accuracy on the training data (final line).
        public var train_accuracy: Double?
        /// Accuracy on the test data (final line, when there is test data).
        public var test_accuracy: Double?
        /// Cost on the training data (final line).
        public var train_cost: Double?
        /// Cost on the test data (final line).
        public var test_cost: Double?
        /// How the first layer was trained (start line): `plain`, `fused` or `gram`.
        public var first_layer: String?
        /// Why that strategy (start line).
        public var first_layer_reason: String?
        /// The run's settings (start line; absent in logs of earlier versions).
        public var settings: [String: String]?
    }

    private let handle: FileHandle
    /// The log's path.
    public let path: String

    /// Creates (or truncates, or with `append` extends) the log at `path`.
    ///
    /// - Throws: ``BackpropError`` (`.io` or `.badInput` for a missing folder) when the file
    ///   cannot be created.
    public init(path: String, append: Bool = false) throws(BackpropError) {
        self.path = path
        if !append || !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw BackpropError.missingOrUnreadable(path: path, message: "\(path): cannot create the log file")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw BackpropError.missingOrUnreadable(path: path, message: "\(path): cannot open the log file for writing")
        }
        if append { handle.seekToEndOfFile() }
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// Appends the start line: the first layer's strategy and why it was chosen, and the settings.
    public func start(firstLayer: FirstLayerStrategy, reason: String, settings: [String: String]) {
        write(Entry(event: "start", first_layer: firstLayer.rawValue, first_layer_reason: reason, settings: settings))
    }

    /// Appends one test line: the metrics on the held-out data after `iteration` updates.
    public func test(iteration: Int, epoch: Int, metrics: EvaluationMetrics, elapsed: Double) {
        write(Entry(event: "test", iteration: iteration, epoch: epoch, elapsed: elapsed, test_accuracy: metrics.accuracy,
                    test_cost: metrics.cost))
    }

    /// Appends one cost line.
    public func cost(iteration: Int, epoch: Int, cost: Double, elapsed: Double) {
        write(Entry(event: "cost", iteration: iteration, epoch: epoch, cost: cost, elapsed: elapsed))
    }

    /// Appends the final line.
    public func final(iterations: Int, train: EvaluationMetrics?, test: EvaluationMetrics?, elapsed: Double) {
        write(Entry(event: "final", elapsed: elapsed, iterations: iterations, train_accuracy: train?.accuracy,
                    test_accuracy: test?.accuracy, train_cost: train?.cost, test_cost: test?.cost))
    }

    private func write(_ entry: Entry) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(entry) else { return }
        handle.write(data + Data("\n".utf8))
    }

    /// The costs of a log's entries: the cost lines, the test lines, and whether the costs are
    /// per mini-batch (the settings give a batch size or, in an older log, an epoch has several
    /// cost lines).
    public static func costHistory(_ entries: [Entry]) -> CostHistory {
        let train = entries.compactMap { e in e.event == "cost" ? e.iteration.flatMap { i in e.cost.map { (iteration: i, cost: $0) } } : nil }
        let test = entries.compactMap { e in e.event == "test" ? e.iteration.flatMap { i in e.test_cost.map { (iteration: i, cost: $0) } } : nil }
        let epochs = entries.filter { $0.event == "cost" }.compactMap(\.epoch)
        let perBatch = settings(entries)["batch_size"] != nil || Set(epochs).count < epochs.count
        return CostHistory(train: train, test: test, perBatch: perBatch)
    }

    /// The settings of a log's start line (the last one, when a resumed run appended another);
    /// empty for a log written before logs carried settings.
    public static func settings(_ entries: [Entry]) -> [String: String] {
        entries.last { $0.event == "start" && $0.settings != nil }?.settings ?? [:]
    }

    /// The entries of a log file, in order.
    ///
    /// - Throws: ``BackpropError`` `.badInput` naming the line that is not a log entry, or for a
    ///   missing file.
    public static func read(_ path: String) throws(BackpropError) -> [Entry] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BackpropError.missingOrUnreadable(path: path, message: "\(path): cannot read the log")
        }
        var entries: [Entry] = []
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard let entry = try? JSONDecoder().decode(Entry.self, from: Data(line.utf8)) else {
                throw BackpropError(.badInput, "\(path), line \(number + 1): expected a JSON log entry from `backprop train --log`, found \"\(line.prefix(40))\"",
                                    hint: "give the file written by `backprop train --log FILE`")
            }
            entries.append(entry)
        }
        return entries
    }
}
