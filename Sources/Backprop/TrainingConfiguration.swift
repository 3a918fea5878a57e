/// Everything `backprop train` can be told, with the defaults of its no-argument run.
///
/// ``resolve(trainingData:)`` turns it into a checked architecture and `TrainingOptions` for
/// the given data; every bad value becomes a ``BackpropError`` naming the command-line option.
public struct TrainingConfiguration: Sendable, Equatable {
    /// The precision of the parameters and the arithmetic.
    public enum Precision: String, Sendable, CaseIterable {
        /// `Float`, the default (fast).
        case float32
        /// `Double`, for parity with NumPy (the course's numbers).
        case float64
    }

    /// A built-in data set name (`Dataset/builtInNames`) or a data file (`--data`).
    public var data: String = "spirals"
    /// The features' dataset inside an HDF5 file (`--x`); nil: automatic.
    public var x: String?
    /// The labels' dataset inside an HDF5 file (`--y`); nil: automatic.
    public var y: String?
    /// A held-out data file (`--test`); for built-in data nil means "the same generator with
    /// seed + 1".
    public var test: String?
    /// Layer sizes n_0, …, n_L (`--layers`); nil: the built-in data set's default, or
    /// [n_0, 20, 7, 5, n_L] for files.
    public var layers: [Int]?
    /// The activation of every hidden layer (`--hidden-activation`).
    public var hiddenActivation: Activation = .relu
    /// The output activation (`--output-activation`); nil: from the loss (sigmoid, softmax, identity).
    public var outputActivation: Activation?
    /// The loss (`--loss`); nil: binary cross-entropy for one output, categorical for several.
    public var loss: Loss?
    /// The weight initialisation (`--init`). The two course schemes also switch to the course's
    /// settings: its exact formulas (`LossNumerics/course`) and, unless ``optimizer`` or
    /// ``learningRate`` is given, plain gradient descent at 0.0075 (``coursePreset(layers:)``
    /// also picks the scheme and float64).
    public var initializer: Initializer = .he
    /// The seed of the initialisation, the shuffling, dropout and built-in data (`--seed`).
    public var seed: UInt32 = 1
    /// α (`--learning-rate`); nil: 0.0075 for gradient descent (the course's), 0.01 otherwise.
    public var learningRate: Double?
    /// Full-batch iterations (`--iterations`); exclusive with `epochs`.
    public var iterations: Int?
    /// Epochs (`--epochs`), with `batchSize`.
    public var epochs: Int?
    /// Examples per mini-batch (`--batch-size`); nil: full batch.
    public var batchSize: Int?
    /// The optimiser (`--optimizer`); nil: Adam (learning rate 0.01), or the course's gradient
    /// descent when ``initializer`` is one of the course's schemes.
    public var optimizer: Optimizer?
    /// L2 strength λ (`--l2`).
    public var lambda: Double = 0
    /// Dropout keep probability of the hidden layers (`--dropout`), in (0, 1].
    public var keepProbability: Double = 1
    /// Per-feature scaling fitted on the training data: `.standardize` (`--standardize`: mean 0,
    /// deviation 1) or `.minMax` (`--min-max`: each feature to [0, 1]); nil: none. The
    /// statistics are saved in the model (``ModelInfo/scaler``) and applied again by
    /// `backprop evaluate` and `backprop predict`.
    public var scaling: FeatureScaler.Kind?
    /// How CSV data files are read (`--label-column`, `--delimiter`, `--header`), for `data`
    /// and `test`.
    public var csv = CSVOptions()
    /// `float32` (default) or `float64` (`--dtype`).
    public var precision: Precision = .float32
    /// Print (and log) the cost every this many iterations (`--print-every`); nil: 100, or 1 per
    /// epoch for mini-batch training.
    public var printEvery: Int?
    /// Write a checkpoint every this many iterations (`--checkpoint-every`), to ``checkpointPath``.
    public var checkpointEvery: Int?
    /// Where checkpoints go (`--checkpoint`).
    public var checkpointPath: String = "backprop-checkpoint.safetensors"
    /// A checkpoint to continue from (`--resume`): the settings not ``given`` come from it, the
    /// others and the data must match it (``resuming(from:file:)``).
    public var resumePath: String?
    /// Threads for the matrix kernels (`--threads`); nil: `BackpropThreads` default (all
    /// cores). Results are bit-identical for every count.
    public var threads: Int?
    /// How the first layer is trained (`--first-layer`); nil: chosen for the run
    /// (`FirstLayerStrategy.choice(for:input:resuming:)`).
    public var firstLayer: FirstLayerStrategy?
    /// `--stream`: read the training features from disk a window of blocks at a time instead of
    /// loading them (`StreamedDataset`); without it, a streamable file that does not fit the
    /// memory budget is streamed anyway (``TrainingSession`` says which mode ran and why).
    public var stream = false
    /// `--shuffle-blocks B,W`: shuffle blocks of B examples and, within windows of W blocks,
    /// their examples (`BackpropNN/BlockShuffle`), the order a streamed run follows; nil: all
    /// examples at once in memory, ``defaultBlockShuffle(features:elementSize:budget:)`` streamed.
    public var blockShuffle: BlockShuffle?

    /// The settings given explicitly (the command line's options). On `--resume` the others
    /// are taken from the checkpoint, and every setting must then equal the checkpoint's
    /// (``resuming(from:file:)``, ``checkResumed(_:against:)``). Default: all of them, so that a
    /// configuration built in code is compared as it stands.
    public var given = Set(TrainingSetting.allCases)

    /// The defaults: the no-argument run.
    public init() {}

    /// Whether ``data`` names a built-in data set rather than a file.
    public var isBuiltIn: Bool { Dataset<Double>.builtInNames.contains(data) }

    /// The layers of the built-in data set when `--layers` is not given: spirals 2,32,16,3,
    /// flower 2,8,1; nil for files.
    var builtInLayers: [Int]? {
        switch data {
        case "spirals": [2, 32, 16, 3]
        case "flower": [2, 8, 1]
        default: nil
        }
    }

    /// Whether the initialiser is one of the course's, which selects the course's numerics.
    public var usesCourseScheme: Bool { initializer == .scaledNormal || initializer == .normalizedByFanIn }

    /// The optimiser when `--optimizer` is not given: Adam, which trains ordinary data well at
    /// its default rate; the course's plain gradient descent with a course initialisation.
    public var defaultOptimizer: Optimizer { usesCourseScheme ? .gradientDescent : .adam() }

    /// The course's settings (`backprop train --course`): the course's initialisation for
    /// `layers` (`course-0.01` for its two-layer model n_x, n_h, n_y, else `course-sqrt`), which
    /// brings gradient descent at 0.0075 and the course's formulas, in float64 as NumPy computes.
    ///
    /// - Parameter layers: the layer sizes, when given.
    /// - Returns: the initialiser and precision the preset chooses.
    public static func coursePreset(layers: [Int]?) -> (initializer: Initializer, precision: Precision) {
        (layers?.count == 3 ? .scaledNormal : .normalizedByFanIn, .float64)
    }

    /// The iterations (full batch) or epochs (mini-batch) to run when neither is given: 2500
    /// for files (the course's), 1000 iterations or 100 epochs for the built-in data.
    public func resolvedEpochs() -> Int {
        if let iterations { return iterations }
        if let epochs { return epochs }
        if isBuiltIn { return batchSize == nil ? 1000 : 100 }
        return batchSize == nil ? 2500 : 100
    }
}

/// A configuration resolved against its data: what the training session runs.
public struct ResolvedTraining: Sendable, Equatable {
    /// The architecture, checked.
    public var architecture: NetworkArchitecture
    /// The options, checked.
    public var options: TrainingOptions
    /// Iterations in the whole run (for progress and ETA).
    public var totalIterations: Int
    /// Iterations per epoch.
    public var iterationsPerEpoch: Int
    /// The cost print interval, in iterations.
    public var printEvery: Int
}

extension TrainingConfiguration {
    /// Checks the configuration against the training data and builds the architecture and the
    /// options.
    ///
    /// - Throws: ``BackpropError`` (`.badInput` or `.usage`) naming the option: `--layers` whose
    ///   first size is not the data's feature count or whose last size does not fit the labels,
    ///   an activation/loss pair that cannot train, a non-positive count, both `--iterations` and
    ///   `--epochs`, and every check of `TrainingOptions/validate(layerCount:)`.
    public func resolve(trainingData data: some TrainingDataDescription) throws(BackpropError) -> ResolvedTraining {
        if iterations != nil && epochs != nil {
            throw BackpropError(.usage, "--iterations and --epochs both given", hint: "use --iterations for full-batch training, or --epochs with --batch-size")
        }
        if iterations != nil && batchSize != nil {
            throw BackpropError(.usage, "--iterations is for full-batch training; with --batch-size give --epochs", hint: "replace --iterations N by --epochs N")
        }
        let architecture = try resolveArchitecture(data)
        let optimizer = self.optimizer ?? defaultOptimizer
        let (totalEpochs, perEpoch, totalIterations, printEvery) = try resolveCounts(examples: data.count)
        var options = TrainingOptions(
            learningRate: learningRate ?? (optimizer == .gradientDescent ? 0.0075 : 0.01),
            epochs: totalEpochs, batchSize: batchSize, shuffle: true, seed: seed, dropLast: false,
            lambda: lambda, keepProbability: keepProbability, optimizer: optimizer, costInterval: 1,
            numerics: usesCourseScheme ? .course : .stable, firstLayer: firstLayer)
        options.costGrowthLimit = Self.costGrowthLimit
        do { try options.validate(layerCount: architecture.layers.count) } catch {
            let option = [("learningRate", "--learning-rate"), ("lambda", "--l2"), ("keepProbability", "--dropout"), ("batchSize", "--batch-size")]
                .first { error.argument.hasPrefix($0.0) }?.1 ?? error.argument
            throw BackpropError(.badInput, "\(option) \(error.value): expected \(error.expected)", hint: "see `backprop help train`")
        }
        return ResolvedTraining(architecture: architecture, options: options, totalIterations: totalIterations,
                                iterationsPerEpoch: perEpoch, printEvery: printEvery)
    }

    /// The layer sizes (`--layers`, else the built-in data's, else n, 20, 7, 5, outputs) checked
    /// against the data's features and classes, with the activations and the loss.
    ///
    /// - Throws: ``BackpropError`` `.badInput` naming `--layers`, `--hidden-activation` or the loss.
    private func resolveArchitecture(_ data: some TrainingDataDescription) throws(BackpropError) -> NetworkArchitecture {
        guard let labels = data.trainingLabels else {
            throw BackpropError(.badInput, "\(data.source) has no labels to train on", hint: "give a file with labels (and --y NAME for HDF5)")
        }
        let classCount = data.classCount
        let defaultOutputs = labels.rows > 1 ? labels.rows : (classCount <= 2 ? 1 : classCount)
        let sizes = try resolveSizes(data, defaultOutputs: defaultOutputs)
        let outputs = sizes[sizes.count - 1]
        let loss = self.loss ?? (outputs > 1 ? .categoricalCrossEntropy : .binaryCrossEntropy)
        if data.hasClassLabels && labels.rows == 1 {
            try Self.checkOutputs(outputs, classCount: classCount, loss: loss)
        }
        let outputActivation = self.outputActivation ?? (outputs == 1 && loss == .categoricalCrossEntropy ? .sigmoid : loss.naturalOutputActivation)
        if hiddenActivation == .softmax {
            throw BackpropError(.badInput, "--hidden-activation softmax: softmax is for the output layer only", hint: "use relu, tanh, leaky-relu or sigmoid")
        }
        let architecture = NetworkArchitecture(
            inputSize: sizes[0],
            layers: sizes.dropFirst().enumerated().map { index, units in
                LayerSpec(units: units, activation: index == sizes.count - 2 ? outputActivation : hiddenActivation)
            },
            loss: loss)
        do { try architecture.validate() } catch {
            throw BackpropError(.badInput, error.description, hint: "check --layers, --output-activation and --loss")
        }
        return architecture
    }

    /// The layer sizes, input first: at least two, positive, starting with the feature count.
    private func resolveSizes(_ data: some TrainingDataDescription, defaultOutputs: Int) throws(BackpropError) -> [Int] {
        var sizes = layers ?? builtInLayers ?? [data.featureCount, 20, 7, 5, defaultOutputs]
        if layers == nil { sizes[sizes.count - 1] = defaultOutputs }
        guard sizes.count >= 2, sizes.allSatisfy({ $0 > 0 }) else {
            throw BackpropError(.badInput, "--layers \(sizes.map(String.init).joined(separator: ",")): expected at least two positive sizes, input first",
                                hint: "for example --layers \(data.featureCount),16,\(defaultOutputs)")
        }
        guard sizes[0] == data.featureCount else {
            throw BackpropError(.badInput, "--layers starts with \(sizes[0]), but \(data.source) has \(data.featureCount) features per example",
                                hint: "start --layers with \(data.featureCount), for example --layers \(([data.featureCount] + sizes.dropFirst()).map(String.init).joined(separator: ","))")
        }
        return sizes
    }

    /// - Throws: ``BackpropError`` `.badInput` when `outputs` cannot represent `classCount` classes.
    private static func checkOutputs(_ outputs: Int, classCount: Int, loss: Loss) throws(BackpropError) {
        if outputs == 1 && classCount > 2 && loss != .meanSquaredError {
            throw BackpropError(.badInput, "--layers ends with 1 output, but the labels have \(classCount) classes",
                                hint: "end --layers with \(classCount) (softmax over the classes)")
        }
        if outputs > 1 && outputs < classCount {
            throw BackpropError(.badInput, "--layers ends with \(outputs) outputs, but the labels have \(classCount) classes",
                                hint: "end --layers with \(classCount)")
        }
    }

    /// Epochs, iterations per epoch, total iterations (overflow-checked) and the print interval,
    /// for `examples` (≥ 1) training examples.
    ///
    /// - Throws: ``BackpropError`` `.badInput` naming the count that is not positive, or
    ///   `--epochs` with `--batch-size` when the total cannot be counted.
    private func resolveCounts(examples: Int) throws(BackpropError) -> (epochs: Int, perEpoch: Int, iterations: Int, printEvery: Int) {
        let totalEpochs = resolvedEpochs()
        guard totalEpochs >= 1 else {
            throw BackpropError(.badInput, "--\(iterations != nil ? "iterations" : "epochs") \(totalEpochs): expected 1 or more", hint: "give a positive count")
        }
        if let batchSize, batchSize < 1 {
            throw BackpropError(.badInput, "--batch-size \(batchSize): expected 1 or more examples", hint: "for example --batch-size 64")
        }
        let perEpoch = batchSize.map { (examples - 1) / $0 + 1 } ?? 1   // examples ≥ 1; no overflow for any size
        let printEvery = self.printEvery ?? (batchSize == nil ? 100 : perEpoch)
        guard printEvery >= 1 else {
            throw BackpropError(.badInput, "--print-every \(printEvery): expected 1 or more", hint: "for example --print-every 100")
        }
        if let threads, threads < 1 {
            throw BackpropError(.badInput, "--threads \(threads): expected 1 or more", hint: "for example --threads \(BackpropThreads.processorCount)")
        }
        if let checkpointEvery, checkpointEvery < 1 {
            throw BackpropError(.badInput, "--checkpoint-every \(checkpointEvery): expected 1 or more iterations", hint: "for example --checkpoint-every 500")
        }
        let (totalIterations, overflow) = perEpoch.multipliedReportingOverflow(by: totalEpochs)
        if overflow {
            throw BackpropError(.badInput, "--epochs \(totalEpochs) with --batch-size \(batchSize ?? 0): \(perEpoch) batches per epoch make more iterations than can be counted",
                                hint: "give fewer epochs or larger batches")
        }
        return (totalEpochs, perEpoch, totalIterations, printEvery)
    }

    /// Throws unless the parameters, optimiser state and training buffers of `resolved` fit
    /// `MemoryBudget.current` for `examples` training examples in elements of
    /// `elementSize` bytes (see `NetworkArchitecture.trainingBytes(batchSize:elementSize:momentCount:)`);
    /// checked before anything is allocated.
    ///
    /// - Throws: ``BackpropError`` `.badInput` naming `--layers` (and `--batch-size`), the size and the budget.
    public func checkMemory(_ resolved: ResolvedTraining, examples: Int, elementSize: Int) throws(BackpropError) {
        let optimizer = resolved.options.optimizer, architecture = resolved.architecture
        let batch = min(resolved.options.batchSize ?? examples, examples)
        let moments = (optimizer.usesFirstMoment ? 1 : 0) + (optimizer.usesSecondMoment ? 1 : 0)
        let bytes = architecture.trainingBytes(batchSize: batch, elementSize: elementSize, momentCount: moments)
        let layers = architecture.layerDims.map(String.init).joined(separator: ",")
        let what = "--layers \(layers): training (parameters, optimiser state, buffers for batches of \(batch), \(elementSize * 8)-bit)"
        do { try MemoryBudget.current.check(bytes: bytes, for: what) } catch { throw BackpropError(error) }
    }

    /// The block shuffling of a streamed run without `--shuffle-blocks`: windows of at most
    /// 32 MiB of `elementSize`-byte features, and at most an eighth of the memory budget (a
    /// stream holds three): blocks of 1024 examples (fewer when one block would not fit), as
    /// many per window as fit (at least 1, at most 64).
    public static func defaultBlockShuffle(features n: Int, elementSize: Int, budget: MemoryBudget = .current) -> BlockShuffle {
        let window = Swift.max(1, Swift.min(32 << 20, budget.bytes / 8))
        let example = Swift.max(1, Swift.max(1, n) * elementSize)
        let block = Swift.max(1, Swift.min(1024, window / example))
        return BlockShuffle(blockSize: block, bufferBlocks: Swift.max(1, Swift.min(64, window / (block * example))))
    }

    /// The tool's divergence rule (`TrainingOptions.costGrowthLimit`): a run stops
    /// with exit status 5 when a step's cost exceeds 1000 × max(first cost, 1).
    public static let costGrowthLimit = 1000.0

    /// The settings as text, for the model's `training` metadata: every ``TrainingSetting``
    /// (the learning rate, optimiser and first-layer strategy as `resolved`), and `data`,
    /// `test`, `epochs`, `iterations`, `numerics`.
    public func record(_ resolved: ResolvedTraining) -> [String: String] {
        var effective = self
        effective.learningRate = resolved.options.learningRate
        effective.optimizer = resolved.options.optimizer
        effective.firstLayer = resolved.options.firstLayer
        effective.blockShuffle = resolved.options.blockShuffle
        var record = [
            "data": data, "epochs": String(resolved.options.epochs), "iterations": String(resolved.totalIterations),
            "numerics": resolved.options.numerics.rawValue,
        ]
        if let test { record["test"] = test }
        for setting in TrainingSetting.allCases { record[setting.rawValue] = setting.text(in: effective) }
        return record
    }
}
