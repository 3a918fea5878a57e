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

extension TrainingSession {
    /// Why the training features are streamed, or nil to load them: `--stream`, or a
    /// streamable file (``StreamedDataset/isStreamable(_:)``) whose features would need more
    /// than the memory budget in memory (their values as float64 while loading, then in the
    /// run's precision: 8 + `elementSize` bytes each).
    ///
    /// - Throws: ``BackpropError``: `.unsupported` for `--stream` with built-in data or a file
    ///   that is read whole; `.usage` for `--stream` with feature scaling or a decision-boundary
    ///   plot, which need the data in memory; the reader's errors for the file's header.
    func streamingReason(elementSize: Int) throws(BackpropError) -> String? {
        let config = configuration
        guard !config.isBuiltIn, StreamedDataset.isStreamable(config.data) else {
            guard !config.stream else {
                throw BackpropError(.unsupported, "--stream: \(config.data) is read whole (only .npy, contiguous HDF5 and uncompressed IDX files are streamed)",
                                    hint: "convert it first: backprop convert \(config.data) x.npy, then --data x.npy")
            }
            return nil
        }
        let reason: String
        if config.stream {
            reason = "--stream"
        } else {
            guard FileManager.default.fileExists(atPath: config.data), let stored = try? StreamedDataset.open(path: config.data, options: config.loadOptions).stored,
                  let bytes = MemoryBudget.size(count: stored.exampleCount * stored.featureCount, elementSize: 8 + elementSize),
                  bytes > MemoryBudget.current.bytes else { return nil }
            reason = "its features need \(MemoryBudget.format(bytes: bytes)) in memory, more than the memory limit of \(MemoryBudget.current)"
        }
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
