import Foundation

/// The `--log FILE` of `backprop train`: one JSON object per line.
///
///     {"event":"start","first_layer":"gram","first_layer_reason":"full batch, gd, m = 209 ≤ n_x / 2 = 6144"}
///     {"event":"cost","iteration":0,"epoch":0,"cost":0.7717493284237686,"elapsed":0.012}
///     …
///     {"event":"final","iterations":2500,"train_accuracy":0.9856459330143541,"test_accuracy":0.8,"train_cost":0.0887,"elapsed":41.2}
///
/// Costs are written at full precision (the shortest decimal that reads back to the same
/// binary value; float32 costs are widened to float64 first). Lines are appended and flushed
/// as training goes, so a log of an interrupted run is still readable; `backprop plot` reads
/// it back with ``read(_:)``.
public final class TrainingLog {
    /// One cost line.
    public struct Entry: Sendable, Equatable, Codable {
        /// The line's kind: `start`, `cost` or `final`.
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

    /// Appends the start line: the first layer's strategy and why it was chosen.
    public func start(firstLayer: FirstLayerStrategy, reason: String) {
        write(Entry(event: "start", first_layer: firstLayer.rawValue, first_layer_reason: reason))
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
