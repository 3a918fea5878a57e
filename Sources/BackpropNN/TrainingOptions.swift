/// Everything ``Network/train(X:labels:validation:options:resumingFrom:reducer:observer:)`` needs to know besides the data.
///
/// Defaults are the course's L-layer model: full-batch gradient descent, α = 0.0075, 2500
/// iterations, the cost every 100. An *iteration* is one parameter update (one mini-batch); an
/// *epoch* is one pass over the data — with `batchSize == nil` they coincide, and `epochs` is
/// the course's `num_iterations`.
public struct TrainingOptions: Sendable, Equatable {
    /// α₀, the initial learning rate; finite and > 0.
    public var learningRate: Double
    /// The total number of epochs (a resumed run continues up to it); ≥ 0.
    public var epochs: Int
    /// Examples per mini-batch (≥ 1), or `nil` for full-batch training.
    public var batchSize: Int?
    /// Whether mini-batches are drawn from a fresh permutation every epoch.
    public var shuffle: Bool
    /// Seed of the shuffling (epoch e uses seed + e, see ``miniBatchIndices(examples:batchSize:shuffle:seed:epoch:dropLast:blockShuffle:)``)
    /// and of the dropout masks (iteration t draws from a `SeededGenerator` seeded from (seed, t)).
    /// 1 by default, as ``Network/init(inputSize:layers:loss:initializer:seed:)``, the course and
    /// `backprop train --seed`.
    public var seed: UInt32
    /// Whether to drop the last batch of an epoch when it is smaller than `batchSize`.
    public var dropLast: Bool
    /// λ, the L2 strength (≥ 0); the cost gains (1/m)(λ/2)Σ‖W‖² and dW gains (λ/m)W.
    public var lambda: Double
    /// The keep probability of inverted dropout on every hidden layer's output, in (0, 1]
    /// (1: no dropout). The output layer is never dropped.
    public var keepProbability: Double
    /// Per-hidden-layer keep probabilities (L − 1 values, layer 1 first), overriding
    /// `keepProbability` when set.
    public var keepProbabilities: [Double]?
    /// The optimiser.
    public var optimizer: Optimizer
    /// The learning-rate schedule over epochs.
    public var schedule: LearningRateSchedule
    /// Report (and record) the cost every this many iterations (≥ 1), plus the last iteration.
    public var costInterval: Int
    /// Evaluate the validation set every this many epochs (≥ 1), plus the last epoch (and every
    /// epoch while early stopping is on, since it monitors the validation cost).
    public var validationInterval: Int
    /// Stop when the monitored cost stops improving; `nil`: never.
    public var earlyStopping: EarlyStopping?
    /// How the loss is computed (``LossNumerics/course`` reproduces the course bit for bit).
    public var numerics: LossNumerics
    /// How W(1) is trained; `nil` lets training choose (``FirstLayerStrategy/choice(for:input:resuming:)``).
    public var firstLayer: FirstLayerStrategy?
    /// The divergence rule for a cost that stays finite but explodes: when the cost has exceeded
    /// `costGrowthLimit` × max(C₀, 1), C₀ being the first step's cost of the run, for
    /// ``costGrowthSteps`` consecutive steps, training stops with
    /// ``TrainingError/costGrew(iteration:epoch:first:cost:)`` (before that step's update; a NaN
    /// or infinity within those steps is reported as such). `nil` (the default): only NaN and
    /// infinity stop training. The `backprop` tool uses 1000: a cross-entropy of 1000 nats per
    /// example is no model, and a learning run's costs fall.
    public var costGrowthLimit: Double? = nil
    /// Shuffle blocks of examples and windows of blocks (``BlockShuffle``), the order a streamed
    /// run follows, instead of all examples at once; `nil` (the default): one permutation of
    /// all m examples per epoch.
    public var blockShuffle: BlockShuffle? = nil

    /// The consecutive steps above ``costGrowthLimit`` that stop training: 10.
    public static let costGrowthSteps = 10

    /// Options; every argument has the course's default.
    public init(
        learningRate: Double = 0.0075, epochs: Int = 2500, batchSize: Int? = nil, shuffle: Bool = true,
        seed: UInt32 = 1, dropLast: Bool = false, lambda: Double = 0, keepProbability: Double = 1,
        keepProbabilities: [Double]? = nil, optimizer: Optimizer = .gradientDescent,
        schedule: LearningRateSchedule = .constant, costInterval: Int = 100, validationInterval: Int = 1,
        earlyStopping: EarlyStopping? = nil, numerics: LossNumerics = .stable, firstLayer: FirstLayerStrategy? = nil
    ) {
        self.learningRate = learningRate
        self.epochs = epochs
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.seed = seed
        self.dropLast = dropLast
        self.lambda = lambda
        self.keepProbability = keepProbability
        self.keepProbabilities = keepProbabilities
        self.optimizer = optimizer
        self.schedule = schedule
        self.costInterval = costInterval
        self.validationInterval = validationInterval
        self.earlyStopping = earlyStopping
        self.numerics = numerics
        self.firstLayer = firstLayer
    }

    /// Checks every option for a network of `layerCount` layers.
    ///
    /// - Throws: ``NetworkError`` naming the option (`learningRate`, `batchSize`,
    ///   `keepProbabilities[1]`, …), its value and what was expected.
    public func validate(layerCount: Int) throws(NetworkError) {
        guard learningRate.isFinite && learningRate > 0 else {
            throw NetworkError(argument: "learningRate", value: "\(learningRate)", expected: "a finite number above 0")
        }
        guard epochs >= 0 else { throw NetworkError(argument: "epochs", value: "\(epochs)", expected: "0 or more") }
        if let batchSize, batchSize < 1 {
            throw NetworkError(argument: "batchSize", value: "\(batchSize)", expected: "1 or more examples per batch")
        }
        guard lambda.isFinite && lambda >= 0 else {
            throw NetworkError(argument: "lambda", value: "\(lambda)", expected: "a finite L2 strength, 0 or more")
        }
        try validateKeepProbability(keepProbability, argument: "keepProbability")
        if let keepProbabilities {
            guard keepProbabilities.count == layerCount - 1 else {
                throw NetworkError(argument: "keepProbabilities", value: "\(keepProbabilities.count) values",
                                   expected: "\(layerCount - 1), one per hidden layer")
            }
            for (i, p) in keepProbabilities.enumerated() {
                try validateKeepProbability(p, argument: "keepProbabilities[\(i)]")
            }
        }
        try optimizer.validate()
        try schedule.validate()
        guard costInterval >= 1 else { throw NetworkError(argument: "costInterval", value: "\(costInterval)", expected: "1 or more") }
        guard validationInterval >= 1 else {
            throw NetworkError(argument: "validationInterval", value: "\(validationInterval)", expected: "1 or more")
        }
        if let earlyStopping { try earlyStopping.validate() }
        try blockShuffle?.validate()
        if let costGrowthLimit, !(costGrowthLimit.isFinite && costGrowthLimit > 1) {
            throw NetworkError(argument: "costGrowthLimit", value: "\(costGrowthLimit)", expected: "a finite factor above 1, or nil")
        }
    }

    /// The keep probability of every layer 1…L (the output layer's is 1).
    public func layerKeepProbabilities(layerCount: Int) -> [Double] {
        let hidden = keepProbabilities ?? Array(repeating: keepProbability, count: Swift.max(layerCount - 1, 0))
        return hidden + [1]
    }
}

/// Stop training when the monitored cost has not improved by more than `minDelta` for
/// `patience` consecutive epochs. The monitored cost is the validation cost when validation
/// data is given, the epoch's training cost otherwise.
public struct EarlyStopping: Sendable, Equatable {
    /// How many epochs without improvement are tolerated (≥ 1).
    public var patience: Int
    /// The smallest decrease that counts as an improvement (≥ 0).
    public var minDelta: Double

    /// Early stopping after `patience` epochs without a decrease of more than `minDelta`.
    public init(patience: Int = 10, minDelta: Double = 0) {
        self.patience = patience
        self.minDelta = minDelta
    }

    /// - Throws: ``NetworkError`` for a patience below 1 or a negative or non-finite `minDelta`.
    public func validate() throws(NetworkError) {
        guard patience >= 1 else { throw NetworkError(argument: "earlyStopping.patience", value: "\(patience)", expected: "1 or more epochs") }
        guard minDelta.isFinite && minDelta >= 0 else {
            throw NetworkError(argument: "earlyStopping.minDelta", value: "\(minDelta)", expected: "a finite number, 0 or more")
        }
    }
}
