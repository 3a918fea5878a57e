import ArgumentParser
import Backprop

/// `backprop train`: parses the options into a ``TrainingConfiguration`` and prints what the
/// ``TrainingSession`` reports.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a network and save it, with its cost plot.",
        discussion: """
            With no options: 3-arm spirals (built in, 300 points), layers 2,32,16,3, Adam, 1000 \
            iterations; writes backprop-model.safetensors, backprop-cost.svg and \
            backprop-boundary.svg here.

            Examples:
              backprop train
              backprop train --data flower --layers 2,8,1 --hidden-activation tanh --iterations 3000
              backprop train --data spirals --epochs 200 --batch-size 32 --optimizer adam --l2 0.01 --dropout 0.9
              backprop train --data ../shared/data/train_catvnoncat.h5 --test ../shared/data/test_catvnoncat.h5 \\
                  --layers 12288,20,7,5,1 --init course-sqrt --seed 1 --learning-rate 0.0075 --iterations 2500 \\
                  --dtype float64 --log cat.jsonl --plot cat-cost.png --save cat-model.safetensors
              backprop train --data iris.csv --label-column species --layers 4,8,3 --standardize --iterations 500
              backprop train --data train-images-idx3-ubyte.gz --layers 784,64,10 --epochs 5 --batch-size 128 --optimizer adam
              backprop train ... --checkpoint-every 500      (then, after an interruption: the same command + --resume backprop-checkpoint.safetensors)

            With --init course-0.01 or course-sqrt the weights come from NumPy's generator exactly \
            as the course draws them, and the cost uses the course's formulas, so the course's \
            published costs and accuracies come out.
            """)

    @Option(help: ArgumentHelp("Training data: a built-in data set (spirals, flower) or a file (.h5, .npz, .csv, MNIST idx3-ubyte, image folder).", valueName: "FILE|NAME"))
    var data: String = "spirals"
    @Option(help: ArgumentHelp("HDF5: the dataset holding the features (default: the only *_x dataset).", valueName: "NAME"))
    var x: String?
    @Option(help: ArgumentHelp("HDF5: the dataset holding the labels (default: the only *_y dataset).", valueName: "NAME"))
    var y: String?
    @Option(help: ArgumentHelp("Held-out data, evaluated after training (built-in data: a fresh draw with seed+1).", valueName: "FILE"))
    var test: String?
    @Option(help: ArgumentHelp("Layer sizes, input first: 12288,20,7,5,1 (default: spirals 2,32,16,3; flower 2,8,1; files n,20,7,5,outputs).", valueName: "SIZES"))
    var layers: String?
    @Option(help: ArgumentHelp("Activation of the hidden layers: \(Activation.names.filter { $0 != "softmax" }.joined(separator: ", ")) (leaky-relu:0.2 sets the slope).", valueName: "NAME"))
    var hiddenActivation: String = "relu"
    @Option(help: ArgumentHelp("Output activation (default: sigmoid for one output, softmax for several): \(Activation.names.joined(separator: ", ")).", valueName: "NAME"))
    var outputActivation: String?
    @Option(help: ArgumentHelp("Loss (default: binary-cross-entropy for one output, categorical-cross-entropy for several): \(Loss.names.joined(separator: ", ")).", valueName: "NAME"))
    var loss: String?
    @Option(name: .customLong("init"), help: ArgumentHelp("Weight initialisation: \(Initializer.allCases.map(\.name).joined(separator: ", ")).", valueName: "SCHEME"))
    var initializer: String = "he"
    @Option(help: "Seed of the initialisation, shuffling, dropout and built-in data.")
    var seed: UInt32 = 1
    @Option(help: "Learning rate α (default 0.0075 for gd, 0.01 otherwise).")
    var learningRate: Double?
    @Option(help: "Full-batch iterations (default 2500 for files, 1000 for built-in data).")
    var iterations: Int?
    @Option(help: "Epochs of mini-batch training (with --batch-size; default 100).")
    var epochs: Int?
    @Option(help: "Examples per mini-batch (shuffled every epoch); default: full batch.")
    var batchSize: Int?
    @Option(help: ArgumentHelp("Optimiser: \(Optimizer.names.joined(separator: ", ")) (default: adam for built-in data, gd for files).", valueName: "NAME"))
    var optimizer: String?
    @Option(help: "L2 regularisation strength λ.")
    var l2: Double = 0
    @Option(help: "Dropout: the keep probability of hidden units, in (0, 1] (1: no dropout).")
    var dropout: Double = 1
    @Flag(help: "Standardise every feature (mean 0, deviation 1 on the training data); saved in the model and applied by evaluate and predict.")
    var standardize = false
    @Flag(help: "Scale every feature to [0, 1] (min and max of the training data); saved in the model and applied by evaluate and predict.")
    var minMax = false
    @OptionGroup(title: "CSV data files")
    var csv: CSVArguments
    @Option(help: ArgumentHelp("Precision: float32 (fast) or float64 (the course's numbers).", valueName: "TYPE"))
    var dtype: String = "float32"
    @Option(help: "Threads for the matrix kernels (default: all cores).")
    var threads: Int?
    @Option(help: "Print the cost every N iterations (default 100; every epoch for mini-batches).")
    var printEvery: Int?
    @Option(help: ArgumentHelp("Write a JSON-lines log: every iteration's cost at full precision and elapsed seconds, then the accuracies.", valueName: "FILE"))
    var log: String?
    @Option(help: ArgumentHelp("Cost-curve plot, .svg or .png.", valueName: "FILE"))
    var plot: String = "backprop-cost.svg"
    @Flag(help: "Do not write the plots.")
    var noPlot = false
    @Option(help: ArgumentHelp("Decision-boundary plot for 2-feature data, .svg or .png (default for built-in data: backprop-boundary.svg).", valueName: "FILE"))
    var boundary: String?
    @Option(help: ArgumentHelp("Save the model (safetensors, PyTorch-loadable).", valueName: "FILE"))
    var save: String = "backprop-model.safetensors"
    @Flag(help: "Do not save the model.")
    var noSave = false
    @Option(help: "Write a checkpoint every N iterations (model + optimiser state), to --checkpoint.")
    var checkpointEvery: Int?
    @Option(help: ArgumentHelp("Checkpoint file for --checkpoint-every.", valueName: "FILE"))
    var checkpoint: String = "backprop-checkpoint.safetensors"
    @Option(help: ArgumentHelp("Continue from a checkpoint (give the same options as the interrupted run).", valueName: "FILE"))
    var resume: String?
    @Flag(name: .shortAndLong, help: "Print only the summary (no cost lines, no progress bar).")
    var quiet = false

    func validate() throws {
        if standardize && minMax { throw ValidationError("--standardize and --min-max both given; choose one scaling") }
    }

    func run() throws {
        let configuration = try makeConfiguration()
        let boundaryPath = boundary ?? (!noPlot && Dataset<Double>.builtInNames.contains(data) ? "backprop-boundary.svg" : nil)
        let session = TrainingSession(
            configuration: configuration, modelPath: noSave ? nil : save, plotPath: noPlot ? nil : plot, logPath: log,
            boundaryPath: boundaryPath)
        var lastBar = -1.0
        let summary = try session.run { event in
            switch event {
            case .loaded(let train, let test):
                Terminal.out(TrainingText.data("Data", train))
                if let test { Terminal.out(TrainingText.data("Test", test)) }
            case .started(let architecture, let options, let precision, let total, let resumedAt):
                Terminal.out(TrainingText.network(architecture, precision: precision))
                Terminal.out(TrainingText.options(options, totalIterations: total, resumedAt: resumedAt, seed: configuration.seed, initializer: configuration.initializer))
            case .progress(let progress):
                if progress.isPrintDue && !quiet { Terminal.out(TrainingText.costLine(progress)) }
                if !quiet && (progress.elapsed - lastBar > 0.1 || progress.iteration + 1 == progress.totalIterations) {
                    Terminal.bar(progress.bar(width: Terminal.width))
                    lastBar = progress.elapsed
                }
            case .checkpoint(let path, let iteration):
                if !quiet { Terminal.out("Checkpoint after iteration \(iteration): \(path)") }
            }
        }
        Terminal.clearBar()
        Terminal.out(TrainingText.summary(summary, modelPath: noSave ? nil : save, plotPath: noPlot ? nil : plot, logPath: log))
        if let boundaryPath { Terminal.out("Wrote the decision boundary to \(boundaryPath)") }
    }

    /// The options as a configuration; names that are not known become `.badInput` errors
    /// listing the names that are.
    func makeConfiguration() throws(BackpropError) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.data = data
        c.x = x
        c.y = y
        c.test = test
        if let layers {
            let parts = layers.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let sizes = parts.compactMap { Int($0) }
            guard sizes.count == parts.count, sizes.count >= 2 else {
                throw BackpropError(.badInput, "--layers \(layers): expected comma-separated sizes, input first, such as 12288,20,7,5,1",
                                    hint: "give at least two whole numbers separated by commas")
            }
            c.layers = sizes
        }
        c.hiddenActivation = try Names.activation(hiddenActivation, option: "--hidden-activation")
        c.outputActivation = try outputActivation.map { name throws(BackpropError) in try Names.activation(name, option: "--output-activation") }
        c.loss = try loss.map { name throws(BackpropError) in
            guard let value = Loss(name: name) else { throw Names.unknown(name, option: "--loss", known: Loss.names) }
            return value
        }
        guard let scheme = Initializer(name: initializer) else {
            throw Names.unknown(initializer, option: "--init", known: Initializer.allCases.map(\.name))
        }
        c.initializer = scheme
        c.seed = seed
        c.learningRate = learningRate
        c.iterations = iterations
        c.epochs = epochs
        c.batchSize = batchSize
        c.optimizer = try optimizer.map { name throws(BackpropError) in
            guard let value = Optimizer(name: name) else { throw Names.unknown(name, option: "--optimizer", known: Optimizer.names) }
            return value
        }
        c.lambda = l2
        c.keepProbability = dropout
        c.scaling = standardize ? .standardize : minMax ? .minMax : nil
        c.csv = try csv.options()
        guard let precision = TrainingConfiguration.Precision(rawValue: dtype) else {
            throw Names.unknown(dtype, option: "--dtype", known: TrainingConfiguration.Precision.allCases.map(\.rawValue))
        }
        c.precision = precision
        c.printEvery = printEvery
        c.threads = threads
        c.checkpointEvery = checkpointEvery
        c.checkpointPath = checkpoint
        c.resumePath = resume
        return c
    }
}

/// Turning names into values, with errors that list the names that exist.
enum Names {
    static func activation(_ name: String, option: String) throws(BackpropError) -> Activation {
        guard let value = Activation(name: name) else { throw unknown(name, option: option, known: Activation.names) }
        return value
    }

    static func unknown(_ name: String, option: String, known: [String]) -> BackpropError {
        BackpropError(.badInput, "\(option) \(name): unknown; expected one of \(known.joined(separator: ", "))",
                      hint: "for example \(option) \(known[0])")
    }
}
