/// A setting of ``TrainingConfiguration`` that changes the numbers a run produces: the one list
/// behind both the model's `training` record (``TrainingConfiguration/record(_:)``) and the
/// check of a `--resume` against its checkpoint (`TrainingConfiguration/resuming(from:)`).
///
/// Each setting is saved as text under its `rawValue` (`"learning_rate": "0.0075"`); an
/// absent key means the setting's "none" (full batch, no scaling, first layer chosen by
/// training). The run's length (`--iterations`, `--epochs`) is not one of them: a resumed run
/// may be extended. Neither are settings that leave the numbers alone (`--threads`,
/// `--print-every`, the output files); the architecture is checked on its own
/// (`NetworkArchitecture`), and the data by ``DataFingerprint``.
public enum TrainingSetting: String, Sendable, CaseIterable {
    /// `--init`: the initial weights of a new run, and the loss numerics of the course schemes.
    case initializer = "init"
    /// `--seed`: shuffling, dropout masks (and built-in data).
    case seed
    /// `--learning-rate`, as resolved (a default included).
    case learningRate = "learning_rate"
    /// `--optimizer`, as resolved.
    case optimizer
    /// `--batch-size`; absent: full batch.
    case batchSize = "batch_size"
    /// `--l2`.
    case l2
    /// `--dropout`.
    case keepProbability = "keep_probability"
    /// `--standardize` or `--min-max`; absent: unscaled.
    case scaling
    /// `--dtype`.
    case precision = "dtype"
    /// `--first-layer` as asked; absent: `auto`.
    case firstLayer = "first_layer"
    /// `--shuffle-blocks` as resolved (`1024,10`); absent: examples shuffled all at once.
    case blockShuffle = "shuffle_blocks"

    /// The command-line option that gives the setting.
    public var option: String {
        switch self {
        case .initializer: "--init"
        case .seed: "--seed"
        case .learningRate: "--learning-rate"
        case .optimizer: "--optimizer"
        case .batchSize: "--batch-size"
        case .l2: "--l2"
        case .keepProbability: "--dropout"
        case .scaling: "--standardize/--min-max"
        case .precision: "--dtype"
        case .firstLayer: "--first-layer"
        case .blockShuffle: "--shuffle-blocks"
        }
    }

    /// The setting's value in `configuration` as record text, nil for its "none" (and for a
    /// learning rate or optimiser left to the default: ``TrainingConfiguration/record(_:)``
    /// fills those in from the resolved options first).
    public func text(in configuration: TrainingConfiguration) -> String? {
        let c = configuration
        switch self {
        case .initializer: return c.initializer.name
        case .seed: return String(c.seed)
        case .learningRate: return c.learningRate.map { String($0) }
        case .optimizer: return c.optimizer?.name
        case .batchSize: return c.batchSize.map(String.init)
        case .l2: return String(c.lambda)
        case .keepProbability: return String(c.keepProbability)
        case .scaling: return c.scaling?.rawValue
        case .precision: return c.precision.rawValue
        case .firstLayer: return c.firstLayer?.rawValue
        case .blockShuffle: return c.blockShuffle.map { "\($0.blockSize),\($0.bufferBlocks)" }
        }
    }

    /// The value as the user would give it: `--learning-rate 0.0075`, `--standardize`,
    /// `full batch`.
    public func argument(_ text: String?) -> String {
        switch (self, text) {
        case (.scaling, _), (.batchSize, nil): value(text)
        default: "\(option) \(value(text))"
        }
    }

    /// The value alone: `0.0075`, `--standardize`, `unscaled data`, `full batch`, `auto`.
    public func value(_ text: String?) -> String {
        switch (self, text) {
        case (.batchSize, nil): "full batch"
        case (.scaling, nil): "unscaled data"
        case (.scaling, let kind?): "--" + kind
        case (.firstLayer, nil): "auto"
        case (.blockShuffle, nil): "examples shuffled all at once"
        case (_, let value?): value
        case (_, nil): "the default"
        }
    }

    /// Whether an absent record key means a value ("none": full batch, unscaled, `auto`) rather
    /// than "not recorded".
    public var absentMeansNone: Bool { self == .batchSize || self == .scaling || self == .firstLayer || self == .blockShuffle }

    /// `configuration` with this setting set to `text` (record text; nil: the "none" of a
    /// setting that ``absentMeansNone``).
    ///
    /// - Returns: nil when `text` is not a value of this setting (a damaged record).
    public func applying(_ text: String?, to configuration: TrainingConfiguration) -> TrainingConfiguration? {
        var c = configuration
        switch (self, text) {
        case (.batchSize, nil): c.batchSize = nil
        case (.scaling, nil): c.scaling = nil
        case (.firstLayer, nil): c.firstLayer = nil
        case (.blockShuffle, nil): c.blockShuffle = nil
        case (_, nil): return nil
        case (.initializer, let t?): guard let v = Initializer(name: t) else { return nil }; c.initializer = v
        case (.seed, let t?): guard let v = UInt32(t) else { return nil }; c.seed = v
        case (.learningRate, let t?): guard let v = Double(t) else { return nil }; c.learningRate = v
        case (.optimizer, let t?): guard let v = Optimizer(name: t) else { return nil }; c.optimizer = v
        case (.batchSize, let t?): guard let v = Int(t) else { return nil }; c.batchSize = v
        case (.l2, let t?): guard let v = Double(t) else { return nil }; c.lambda = v
        case (.keepProbability, let t?): guard let v = Double(t) else { return nil }; c.keepProbability = v
        case (.scaling, let t?): guard let v = FeatureScaler.Kind(rawValue: t) else { return nil }; c.scaling = v
        case (.precision, let t?): guard let v = TrainingConfiguration.Precision(rawValue: t) else { return nil }; c.precision = v
        case (.firstLayer, let t?): guard let v = FirstLayerStrategy(rawValue: t) else { return nil }; c.firstLayer = v
        case (.blockShuffle, let t?): guard let v = BlockShuffle(text: t) else { return nil }; c.blockShuffle = v
        }
        return c
    }
}

extension BlockShuffle {
    /// `B,W` (blocks of B examples, windows of W blocks, both at least 1), as `--shuffle-blocks`
    /// takes it and a model's settings record it; nil for other text.
    public init?(text: String) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let block = Int(parts[0]), let window = Int(parts[1]), block >= 1, window >= 1 else { return nil }
        self.init(blockSize: block, bufferBlocks: window)
    }
}
