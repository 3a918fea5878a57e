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
        c.initializer = .normalizedByFanIn
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

    /// One option set wrong: the edit, and the category and the message it must give.
    struct Rejected: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var edit: @Sendable (inout TrainingConfiguration) -> Void
        var category: BackpropError.Category
        var message: String

        init(_ name: String, _ edit: @escaping @Sendable (inout TrainingConfiguration) -> Void, _ category: BackpropError.Category,
             _ message: String) {
            (testDescription, self.edit, self.category, self.message) = (name, edit, category, message)
        }
    }

    static let rejected: [Rejected] = [
        Rejected("layers 3,4,3", { $0.layers = [3, 4, 3] }, .badInput, "--layers starts with 3"),
        Rejected("layers 2,4,1", { $0.layers = [2, 4, 1] }, .badInput, "--layers ends with 1 output, but the labels have 3 classes"),
        Rejected("layers 2,4,2", { $0.layers = [2, 4, 2] }, .badInput, "--layers ends with 2 outputs, but the labels have 3 classes"),
        Rejected("hidden softmax", { $0.hiddenActivation = .softmax }, .badInput, "softmax is for the output layer only"),
        Rejected("iterations and epochs", { $0.iterations = 5; $0.epochs = 5 }, .usage, "--iterations and --epochs both given"),
        Rejected("iterations and batch size", { $0.iterations = 5; $0.batchSize = 8 }, .usage, "with --batch-size give --epochs"),
        Rejected("zero iterations", { $0.iterations = 0 }, .badInput, "--iterations 0"),
        Rejected("negative learning rate", { $0.learningRate = -1 }, .badInput, "--learning-rate -1.0"),
        Rejected("zero keep probability", { $0.keepProbability = 0 }, .badInput, "--dropout 0.0"),
        Rejected("NaN L2", { $0.lambda = .nan }, .badInput, "--l2 nan"),
        Rejected("zero threads", { $0.threads = 0 }, .badInput, "--threads 0"),
        Rejected("zero checkpoint interval", { $0.checkpointEvery = 0 }, .badInput, "--checkpoint-every 0"),
    ]

    @Test(arguments: rejected)
    func rejectsOptionsThatDoNotFit(_ rejected: Rejected) throws {
        var c = TrainingConfiguration()
        rejected.edit(&c)
        let data = try Self.spirals()
        do {
            _ = try c.resolve(trainingData: data)
            Issue.record("accepted: \(rejected.message)")
        } catch {
            #expect(error.category == rejected.category, "\(error.message)")
            #expect(error.message.contains(rejected.message), "\(error.message)")
            #expect(!error.hint.isEmpty)
        }
    }
}
