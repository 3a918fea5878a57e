import Foundation

/// The training data of a session: loaded whole, or streamed from disk.
enum SessionSource: TrainingDataDescription {
    case memory(Dataset<Double>)
    case streamed(StreamedDataset)

    private var description: any TrainingDataDescription {
        switch self {
        case .memory(let data): data
        case .streamed(let data): data
        }
    }
    var count: Int { description.count }
    var featureCount: Int { description.featureCount }
    var trainingLabels: Matrix<Double>? { description.trainingLabels }
    var classCount: Int { description.classCount }
    var hasClassLabels: Bool { description.hasClassLabels }
    var source: String { description.source }

    /// The data in memory, or nil when streamed.
    var inMemory: Dataset<Double>? {
        if case .memory(let data) = self { return data }
        return nil
    }

    var classNames: [String] {
        switch self {
        case .memory(let data): data.classNames
        case .streamed(let data): data.classNames
        }
    }

    /// What a checkpoint remembers of the data (``DataFingerprint``); streamed, the first
    /// block of examples is read for it.
    ///
    /// - Throws: ``BackpropError`` when streamed examples cannot be read.
    func fingerprint() throws(BackpropError) -> DataFingerprint {
        switch self {
        case .memory(let data): DataFingerprint(data)
        case .streamed(let data): try DataFingerprint(data)
        }
    }

    var inputShape: [Int]? {
        switch self {
        case .memory(let data): data.inputShape
        case .streamed(let data): data.inputShape
        }
    }
}

extension TrainingConfiguration {
    /// How ``data`` is read: names inside the file (`--x`, `--y`, or the labels `.npy`) and the
    /// CSV options.
    var loadOptions: DatasetLoadOptions {
        var options = DatasetLoadOptions()
        options.csv = csv
        options.x = x
        options.y = y
        return options
    }
}

/// Whether a command reads its data whole or streams them from disk (`StreamedDataset`).
public enum DataStreaming {
    /// Why `path` is streamed, or nil to load it: `--stream` (`asked`), or a streamable file
    /// (`StreamedDataset/isStreamable(_:)`) whose features would need more than the memory
    /// budget in memory, at `bytesPerValue` bytes per feature value while loading.
    ///
    /// - Throws: ``BackpropError`` `.unsupported` for `asked` with built-in data or a file that
    ///   is read whole; the reader's errors for the file's header.
    public static func reason(for path: String, asked: Bool, options: DatasetLoadOptions, bytesPerValue: Int) throws(BackpropError) -> String? {
        guard !Dataset<Double>.builtInNames.contains(path), StreamedDataset.isStreamable(path) else {
            guard !asked else {
                throw BackpropError(.unsupported, "--stream: \(path) is read whole (only .npy, .npz, HDF5 and uncompressed IDX files are streamed)",
                                    hint: "convert it first: backprop convert \(path) x.npy, then use x.npy")
            }
            return nil
        }
        if asked { return "--stream" }
        guard FileManager.default.fileExists(atPath: path), let stored = try? StreamedDataset.open(path: path, options: options).stored,
              let bytes = MemoryBudget.size(count: stored.exampleCount * stored.featureCount, elementSize: bytesPerValue),
              bytes > MemoryBudget.current.bytes else { return nil }
        return "its features need \(MemoryBudget.format(bytes: bytes)) in memory, more than the memory limit of \(MemoryBudget.current)"
    }
}

extension TrainingSession {
    /// Why the training features are streamed, or nil to load them (``DataStreaming``; in
    /// memory they take 8 + `elementSize` bytes each: float64 while loading, then the run's
    /// precision).
    ///
    /// - Throws: ``BackpropError``: as ``DataStreaming/reason(for:asked:options:bytesPerValue:)``;
    ///   `.usage` for streamed data with feature scaling or a decision-boundary plot, which
    ///   need the data in memory. The processes of a data-parallel run stream their shares
    ///   (``readsShares``) without being asked.
    func streamingReason(elementSize: Int) throws(BackpropError) -> String? {
        let config = configuration
        if readsShares, let reducer { return "each of the \(reducer.processCount) processes reads only its share of the examples" }
        guard let reason = try DataStreaming.reason(for: config.data, asked: config.stream, options: config.loadOptions,
                                                    bytesPerValue: 8 + elementSize) else { return nil }
        if config.scaling != nil {
            throw BackpropError(.usage, "--standardize and --min-max need the data in memory; streamed data (\(reason)) are not scaled",
                                hint: "scale the file beforehand, or train without --stream on data that fits")
        }
        if boundaryPath != nil {
            throw BackpropError(.usage, "a decision-boundary plot needs the data in memory", hint: "drop --boundary with --stream")
        }
        return reason
    }
}

extension TrainingSession {
    /// Whether each process of a data-parallel run reads only its share of the training
    /// examples, streamed from a file it can read by example (`StreamedDataset/isStreamable(_:)`),
    /// in the order of an in-memory run (no `--stream`, no block shuffling unless asked). A run
    /// that scales features or plots the decision boundary needs all the data on every process.
    var readsShares: Bool {
        let config = configuration
        guard let reducer, reducer.processCount > 1, !config.stream, config.scaling == nil, boundaryPath == nil else { return false }
        return !Dataset<Double>.builtInNames.contains(config.data) && StreamedDataset.isStreamable(config.data)
    }
}
