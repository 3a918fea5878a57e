import ArgumentParser
import Backprop

/// `backprop train`: parses the options into a ``TrainingConfiguration`` and prints what the
/// ``TrainingSession`` reports.
struct Train: BudgetedCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a network and save it, with its cost plot.",
        discussion: """
            With no options: 3-arm spirals (built in, 300 points), layers 2,32,16,3, Adam, 1000 \
            iterations; writes backprop-model.safetensors, backprop-cost.svg and \
            backprop-boundary.svg here.

            Examples:
              backprop train
              backprop train --data flower --layers 2,8,1 --hidden-activation tanh \\
                  --iterations 3000
              backprop train --data spirals --epochs 200 --batch-size 32 --l2 0.01 \\
                  --dropout 0.9
              backprop train --data ../shared/data/train_catvnoncat.h5 \\
                  --test ../shared/data/test_catvnoncat.h5 --layers 12288,20,7,5,1 \\
                  --course --log cat.jsonl --plot cat-cost.png --save cat-model.safetensors
              backprop train --data iris.csv --label-column species --layers 4,8,3 \\
                  --standardize --iterations 500
              backprop train --data train-images-idx3-ubyte.gz --layers 784,64,10 \\
                  --epochs 5 --batch-size 128
              backprop train ... --checkpoint-every 500
                  (after an interruption: the same command + --resume FILE)

            Defaults for any data: Adam at learning rate 0.01, He initialisation, float32. \
            --course gives the course's settings instead: with --init course-0.01 or \
            course-sqrt the weights come from NumPy's generator exactly as the course draws \
            them, training is plain gradient descent at 0.0075 and the cost uses the course's \
            formulas (in float64 with --course), so the course's published costs and \
            accuracies come out.
            """)

    @OptionGroup(title: "Resources")
    var resources: ResourceArguments
    @Option(help: ArgumentHelp("Training data: a built-in data set (spirals, flower) or a file (.h5, .npz, .csv, MNIST idx3-ubyte, image folder).", valueName: "FILE|NAME"))
    var data: String = "spirals"
    @OptionGroup(title: "Data files")
    var dataFile: DataFileArguments
    @Option(help: ArgumentHelp("Held-out data, evaluated after training (built-in data: a fresh draw with seed+1).", valueName: "FILE"))
    var test: String?
    @Option(parsing: .number, help: ArgumentHelp("Layer sizes, input first: 12288,20,7,5,1 (default: spirals 2,32,16,3; flower 2,8,1; files n,20,7,5,outputs).", valueName: "SIZES"))
    var layers: String?
    @Option(help: ArgumentHelp("Activation of the hidden layers (leaky-relu:0.2 sets the slope).", valueName: "NAME"))
    var hiddenActivation: Activation = .relu
    @Option(help: ArgumentHelp("Output activation (default: sigmoid for one output, softmax for several).", valueName: "NAME"))
    var outputActivation: Activation?
    @Option(help: ArgumentHelp("Loss (default: binary-cross-entropy for one output, categorical-cross-entropy for several).", valueName: "NAME"))
    var loss: Loss?
    // The options that change the numbers are optional here, so that `--resume` can tell the
    // ones given (compared with the checkpoint) from the ones left out (taken from it); their
    // defaults are TrainingConfiguration's, stated in the help.
    @Option(name: .customLong("init"), help: ArgumentHelp("Weight initialisation (default: \(Self.defaults.initializer.name)); the course's schemes also select the course's settings: gd at 0.0075 and its formulas.", valueName: "SCHEME"))
    var initializer: Initializer?
    @Flag(help: "The course's settings: its initialisation (course-sqrt, or course-0.01 for two layers), gradient descent at 0.0075, its formulas, float64.")
    var course = false
    @Option(parsing: .number, help: "Seed of the initialisation, shuffling, dropout and built-in data (default: \(Self.defaults.seed)).", transform: NumberArgument.seed("--seed"))
    var seed: UInt32?
    @Option(parsing: .number, help: "Learning rate α (default 0.0075 for gd, 0.01 otherwise).", transform: NumberArgument.real("--learning-rate"))
    var learningRate: Double?
    @Option(parsing: .number, help: "Full-batch iterations (default 2500 for files, 1000 for built-in data).", transform: NumberArgument.whole("--iterations"))
    var iterations: Int?
    @Option(parsing: .number, help: "Epochs of mini-batch training (with --batch-size; default 100).", transform: NumberArgument.whole("--epochs"))
    var epochs: Int?
    @Option(parsing: .number, help: "Examples per mini-batch (shuffled every epoch); default: full batch.", transform: NumberArgument.whole("--batch-size"))
    var batchSize: Int?
    @Option(help: ArgumentHelp("Optimiser (default: adam; gd with --course or a course --init).", valueName: "NAME"))
    var optimizer: Optimizer?
    @Option(parsing: .number, help: "L2 regularisation strength λ (default: \(Self.defaults.lambda)).", transform: NumberArgument.real("--l2"))
    var l2: Double?
    @Option(parsing: .number, help: "Dropout: the keep probability of hidden units, in (0, 1] (1: no dropout; default: \(Self.defaults.keepProbability)).", transform: NumberArgument.real("--dropout"))
    var dropout: Double?
    @Flag(help: "Standardise every feature (mean 0, deviation 1 on the training data); saved in the model and applied by evaluate and predict.")
    var standardize = false
    @Flag(help: "Scale every feature to [0, 1] (min and max of the training data); saved in the model and applied by evaluate and predict.")
    var minMax = false
    @Option(help: ArgumentHelp("Precision: float32 is fast, float64 gives the course's numbers (default: \(Self.defaults.precision.rawValue); float64 with --course).", valueName: "TYPE"))
    var dtype: TrainingConfiguration.Precision?
    @Option(parsing: .number, help: "Threads for the matrix kernels (default: all cores).", transform: NumberArgument.whole("--threads"))
    var threads: Int?
    @Option(help: ArgumentHelp("How the first layer is trained: auto chooses (gram for full-batch gd or momentum with fewer examples than half the features), plain, fused (full-batch gd) or gram (full-batch gd or momentum, in Gram space; default: auto).", valueName: "STRATEGY"))
    var firstLayer: FirstLayerChoice?
    @Flag(help: "Read the training features from disk a few blocks at a time (.npy with its labels .npy, .npz stored by np.savez, an HDF5 dataset, an uncompressed IDX file); a file that does not fit --memory-limit is streamed anyway. Needs --batch-size.")
    var stream = false
    @Option(help: ArgumentHelp("Shuffle blocks of B examples, and the examples of every W blocks together: the order a streamed run reads (default for --stream: 1024 examples, windows of up to 32 MiB and 1/8 of --memory-limit); the same flags in memory give the same bits.", valueName: "B,W"),
            transform: NumberArgument.blockShuffle("--shuffle-blocks"))
    var shuffleBlocks: BlockShuffle?
    @Option(parsing: .number, help: "Print the cost every N iterations (default 100; every epoch for mini-batches).", transform: NumberArgument.whole("--print-every"))
    var printEvery: Int?
    @OptionGroup(title: "Outputs")
    var outputs: TrainingOutputs
    @Flag(name: .shortAndLong, help: "Print only the summary (no cost lines, no progress bar).")
    var quiet = false

    /// Rejects options that contradict each other (usage, exit 2) and a malformed `--layers`
    /// (bad input, exit 1) before anything runs.
    func validate() throws {
        if standardize && minMax { throw ValidationError("--standardize and --min-max both given; choose one scaling") }
        if stream && batchSize == nil {
            throw ValidationError("--stream needs --batch-size: a streamed run never holds all the examples (for example --batch-size 256)")
        }
        if iterations != nil && epochs != nil {
            throw ValidationError("--iterations and --epochs both given; use --iterations for full-batch training, or --epochs with --batch-size")
        }
        if iterations != nil && batchSize != nil {
            throw ValidationError("--iterations is for full-batch training; with --batch-size give --epochs")
        }
        try validateCoursePreset()
        _ = try layerSizes()
    }

    /// `--course` with a choice that is not the course's: a non-course `--init` or another
    /// optimiser than gd (usage, exit 2).
    func validateCoursePreset() throws {
        guard course else { return }
        if let initializer, initializer != .scaledNormal && initializer != .normalizedByFanIn {
            throw ValidationError("--course uses the course's initialisation; --init \(initializer.name) contradicts it (use course-sqrt or course-0.01, or drop --course)")
        }
        if let optimizer, optimizer != .gradientDescent {
            throw ValidationError("--course trains with the course's gradient descent; --optimizer \(optimizer.name) contradicts it (drop one of them)")
        }
    }

    /// `--layers` as sizes, nil when not given.
    ///
    /// - Throws: ``BackpropError`` `.badInput` (through ``ParsingProblem``) for text that is not
    ///   two or more comma-separated whole numbers.
    func layerSizes() throws(BackpropError) -> [Int]? {
        guard let layers else { return nil }
        let parts = layers.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let sizes = parts.compactMap { Int($0) }
        guard sizes.count == parts.count, sizes.count >= 2 else {
            throw ParsingProblem.failed(BackpropError(
                .badInput, "--layers \(layers): expected comma-separated sizes, input first, such as 12288,20,7,5,1",
                hint: "give at least two whole numbers separated by commas"))
        }
        return sizes
    }

    func run() throws {
        try DataParallel.refuseWithoutMPI()
        let configuration = try makeConfiguration()
        let boundaryPath = outputs.boundaryPath(builtInData: configuration.isBuiltIn)
        let reducer = try DataParallel.join()
        // Under MPI, rank 0 alone writes the model, plots and log (and checkpoints).
        let writes = (reducer?.rank ?? 0) == 0
        var session = TrainingSession(
            configuration: configuration, modelPath: writes ? outputs.modelPath : nil, plotPath: writes ? outputs.plotPath : nil,
            logPath: writes ? outputs.log : nil, boundaryPath: writes ? boundaryPath : nil, plotSize: try outputs.plotSize.size())
        session.reducer = reducer
        var lastBar = -1.0
        var majorityShare: Double?
        var streamed = false
        let summary = try session.run { event in
            switch event {
            case .loaded(let train, let test):
                Terminal.out(TrainingText.data("Data", train))
                majorityShare = TrainingText.majorityShare(train)
                if let test { Terminal.out(TrainingText.data("Test", test)) }
            case .streaming(let train, let test, let reason):
                streamed = true
                Terminal.out(TrainingText.streamedData(train, reason: reason))
                majorityShare = TrainingText.majorityShare(train.labelsOnly)
                if let test { Terminal.out(TrainingText.data("Test", test)) }
            case .started(let architecture, let options, let precision, let initializer, let total, let resumedAt):
                Terminal.out(TrainingText.network(architecture, precision: precision))
                Terminal.out(TrainingText.options(options, totalIterations: total, resumedAt: resumedAt, initializer: initializer))
                if let line = TrainingText.courseSettings(configuration, preset: course) { Terminal.out(line) }
            case .firstLayer(let strategy, let reason):
                Terminal.out("First layer: \(strategy.rawValue) (\(reason))")
            case .progress(let progress):
                if progress.isPrintDue && !quiet { Terminal.out(TrainingText.costLine(progress)) }
                if !quiet && (progress.elapsed - lastBar > 0.1 || progress.iteration + 1 == progress.totalIterations) {
                    Terminal.bar(progress.bar(width: Terminal.width))
                    lastBar = progress.elapsed
                }
            case .checkpoint(let path, let iteration):
                if !quiet { Terminal.out("Checkpoint after iteration \(iteration): \(path)") }
            case .resumed(_, let taken):
                if !taken.isEmpty { Terminal.out("Resumed with the checkpoint's settings: \(taken.joined(separator: ", "))") }
            case .warning(let text):
                Terminal.warning(text)
            case .trained:
                DataParallel.trainingEnded()
            }
        }
        Terminal.clearBar()
        Terminal.out(TrainingText.summary(summary, modelPath: outputs.modelPath, plotPath: outputs.plotPath, logPath: outputs.log))
        if let boundaryPath { Terminal.out("Wrote the decision boundary to \(boundaryPath)") }
        if let line = DataParallel.summary(steps: summary.iterationsThisRun, featureBytesRead: summary.featureBytesRead) { Terminal.out(line) }
        if let hint = TrainingText.chanceHint(accuracy: summary.train.accuracy, majorityShare: majorityShare, configuration: configuration,
                                              streamed: streamed) {
            Terminal.out(hint)
        }
    }

    /// The configuration of a run without options, whose defaults the help states.
    private static let defaults = TrainingConfiguration()

    /// The options as a configuration; ``TrainingConfiguration/given`` holds the settings whose
    /// option was given.
    func makeConfiguration() throws(BackpropError) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.data = data
        c.x = dataFile.x
        c.y = dataFile.y
        c.csv = try dataFile.csv.options()
        c.test = test
        c.layers = try layerSizes()
        c.hiddenActivation = hiddenActivation
        c.outputActivation = outputActivation
        c.loss = loss
        let preset = course ? TrainingConfiguration.coursePreset(layers: c.layers) : nil
        if let chosen = initializer ?? preset?.initializer { c.initializer = chosen }
        if let seed { c.seed = seed }
        c.learningRate = learningRate
        c.iterations = iterations
        c.epochs = epochs
        c.batchSize = batchSize
        c.optimizer = optimizer
        if let l2 { c.lambda = l2 }
        if let dropout { c.keepProbability = dropout }
        c.scaling = standardize ? .standardize : minMax ? .minMax : nil
        if let chosen = dtype ?? preset?.precision { c.precision = chosen }
        c.printEvery = printEvery
        c.threads = threads
        c.firstLayer = firstLayer?.strategy
        c.stream = stream
        c.blockShuffle = shuffleBlocks
        c.checkpointEvery = outputs.checkpointEvery
        c.checkpointPath = outputs.checkpoint
        c.resumePath = outputs.resume
        c.given = givenSettings
        return c
    }

    /// The settings whose option is on the command line.
    private var givenSettings: Set<TrainingSetting> {
        let options: [(TrainingSetting, Bool)] = [
            (.initializer, initializer != nil || course), (.seed, seed != nil), (.learningRate, learningRate != nil),
            (.optimizer, optimizer != nil), (.batchSize, batchSize != nil), (.l2, l2 != nil), (.keepProbability, dropout != nil),
            (.scaling, standardize || minMax), (.precision, dtype != nil || course), (.firstLayer, firstLayer != nil),
            (.blockShuffle, shuffleBlocks != nil),
        ]
        return Set(options.filter(\.1).map(\.0))
    }
}
