import Backprop
import Foundation
import Testing

/// Resolving `backprop train` options against data: defaults and every rejected combination.
@Suite struct TrainingConfigurationTests {
    static func spirals() throws -> Dataset<Double> { try #require(Dataset<Double>.builtIn("spirals", seed: 1)) }

    @Test func defaultsAreTheNoArgumentRun() throws {
        let resolved = try TrainingConfiguration().resolve(trainingData: try Self.spirals())
        #expect(resolved.architecture.layerDims == [2, 32, 16, 3])
        #expect(resolved.architecture.activations == [.relu, .relu, .softmax])
        #expect(resolved.architecture.loss == .categoricalCrossEntropy)
        #expect(resolved.options.optimizer == .adam())
        #expect(resolved.options.learningRate == 0.01)
        #expect(resolved.options.numerics == .stable)
        #expect(resolved.totalIterations == 1000 && resolved.printEvery == 100)
    }

    @Test func courseSchemesSelectTheCourseNumericsAndSigmoidBCE() throws {
        var c = TrainingConfiguration()
        c.data = "flower"
        c.layers = [2, 4, 1]
        c.initializer = .courseFanIn
        c.optimizer = .gradientDescent
        let resolved = try c.resolve(trainingData: try #require(Dataset<Double>.builtIn("flower", seed: 1)))
        #expect(resolved.options.numerics == .course)
        #expect(resolved.options.learningRate == 0.0075)
        #expect(resolved.architecture.activations == [.relu, .sigmoid])
        #expect(resolved.architecture.loss == .binaryCrossEntropy)
    }

    @Test func miniBatchesCountIterationsPerEpoch() throws {
        var c = TrainingConfiguration()
        c.epochs = 4
        c.batchSize = 64
        let resolved = try c.resolve(trainingData: try Self.spirals())
        #expect(resolved.iterationsPerEpoch == 5)  // ⌈300 / 64⌉
        #expect(resolved.totalIterations == 20)
        #expect(resolved.printEvery == 5)
    }

    /// One option set wrong, the category and the message it must give.
    static let rejected: [(String, BackpropError.Category, String)] = [
        ("layers 3,4,3", .badInput, "--layers starts with 3"),
        ("layers 2,4,1", .badInput, "--layers ends with 1 output, but the labels have 3 classes"),
        ("layers 2,4,2", .badInput, "--layers ends with 2 outputs, but the labels have 3 classes"),
        ("hidden softmax", .badInput, "softmax is for the output layer only"),
        ("iterations and epochs", .usage, "--iterations and --epochs both given"),
        ("iterations and batch size", .usage, "with --batch-size give --epochs"),
        ("zero iterations", .badInput, "--iterations 0"),
        ("negative learning rate", .badInput, "--learning-rate -1.0"),
        ("zero keep probability", .badInput, "--dropout 0.0"),
        ("NaN L2", .badInput, "--l2 nan"),
        ("zero threads", .badInput, "--threads 0"),
        ("zero checkpoint interval", .badInput, "--checkpoint-every 0"),
    ]

    static func edited(_ edit: String) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        switch edit {
        case "layers 3,4,3": c.layers = [3, 4, 3]
        case "layers 2,4,1": c.layers = [2, 4, 1]
        case "layers 2,4,2": c.layers = [2, 4, 2]
        case "hidden softmax": c.hiddenActivation = .softmax
        case "iterations and epochs": c.iterations = 5; c.epochs = 5
        case "iterations and batch size": c.iterations = 5; c.batchSize = 8
        case "zero iterations": c.iterations = 0
        case "negative learning rate": c.learningRate = -1
        case "zero keep probability": c.keepProbability = 0
        case "NaN L2": c.lambda = .nan
        case "zero threads": c.threads = 0
        case "zero checkpoint interval": c.checkpointEvery = 0
        default: preconditionFailure(edit)
        }
        return c
    }

    @Test(arguments: rejected)
    func rejectsOptionsThatDoNotFit(edit: String, category: BackpropError.Category, message: String) throws {
        let c = Self.edited(edit)
        let data = try Self.spirals()
        do {
            _ = try c.resolve(trainingData: data)
            Issue.record("accepted: \(message)")
        } catch {
            #expect(error.category == category, "\(error.message)")
            #expect(error.message.contains(message), "\(error.message)")
            #expect(!error.hint.isEmpty)
        }
    }
}
