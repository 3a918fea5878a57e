import Foundation
import Testing
import Backprop
import BackpropTestSupport

/// The code of the articles "Getting started" and "Any network" (and of README.md's "Use it as a
/// library"), line for line: ``DocumentationSnippetTests`` checks that every Swift block of them
/// appears here.
@Suite struct AnyNetworkArticleTests {
    static let iris = packageRoot.appendingPathComponent("Tests/BackpropCLITests/Fixtures/datasets/iris.csv").path

    /// Getting started and the README: the ten-line example.
    @Test func tenLineExample() throws {
        let data = try Dataset<Float>.spirals(pointsPerClass: 100, classes: 3, seed: 1)
        var network = try Network<Float>(
            inputSize: 2,
            layers: [LayerSpec(units: 32, activation: .relu), LayerSpec(units: 3, activation: .softmax)],
            loss: .categoricalCrossEntropy)
        let options = TrainingOptions(learningRate: 0.01, epochs: 300, batchSize: 32, optimizer: .adam())
        let result = try network.train(X: data.X, labels: data.labels!, options: options)
        let metrics = try network.evaluate(X: data.X, labels: data.labels!)
        print("cost \(result.costs.last!.cost), accuracy \(metrics.accuracy!)")
        #expect(metrics.accuracy! > 0.9)
        #expect(result.costs.last!.cost < result.costs.first!.cost)
    }

    @Test func csvScaleTrainSaveLoadPredict() throws {
        let path = Self.iris
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let modelPath = folder.appendingPathComponent("iris.safetensors").path

        // Load: the CLI's `--label-column species --header auto`.
        var options = DatasetLoadOptions()
        options.csv.label = .name("species")
        options.csv.header = .detect
        let data = try Dataset<Double>.load(path: path, options: options)
        print(data.X.shape, data.classNames)   // (rows: 4, columns: 150) ["setosa", "versicolor", "virginica"]

        // Scale: the CLI's `--standardize`, fitted on the training data only.
        let (train, test) = data.split(validationFraction: 0.2, seed: 1)
        let scaler = FeatureScaler(fitting: train.X, kind: .standardize)

        // Train: any layers, any loss, any optimiser.
        var network = try Network<Double>(
            inputSize: 4, layers: [LayerSpec(units: 8, activation: .relu), LayerSpec(units: 3, activation: .softmax)],
            loss: .categoricalCrossEntropy, initializer: .he, seed: 1)
        let training = TrainingOptions(learningRate: 0.01, epochs: 200, batchSize: 16, optimizer: .adam())
        _ = try network.train(X: scaler.transform(train.X), labels: train.labels!, options: training)
        print(try network.evaluate(X: scaler.transform(test.X), labels: test.labels!).accuracy!)

        // Save: a safetensors file PyTorch loads, with the scaling and class names beside the weights.
        let model = TrainedModel(network: network, info: ModelInfo(classNames: data.classNames, scaler: scaler))
        try ModelFile.write(model, to: modelPath)

        // Load and predict: raw (unscaled) features in, class indices out.
        let saved = try ModelFile.read(modelPath)
        let probabilities = saved.outputs(test.X)
        let classes = Network<Double>.classes(fromOutput: probabilities)
        print(classes.prefix(5).map { saved.info.className($0) })

        #expect(data.X.shape == (rows: 4, columns: 150))
        #expect(data.classNames == ["setosa", "versicolor", "virginica"])
        #expect(try network.evaluate(X: scaler.transform(test.X), labels: test.labels!).accuracy! > 0.8)
        #expect(saved == .float64(model))
        #expect(classes == network.predictClasses(scaler.transform(test.X)))
    }

    @Test func oneStepAtATime() throws {
        let data = try Dataset<Float>.spirals(pointsPerClass: 100, classes: 3, seed: 1)
        let network = try Network<Float>(
            inputSize: 2, layers: [LayerSpec(units: 16, activation: .relu), LayerSpec(units: 3, activation: .softmax)],
            loss: .categoricalCrossEntropy)
        var loop = try TrainingLoop(network: network, X: data.X, labels: data.labels!,
                                    options: TrainingOptions(learningRate: 0.01, epochs: 3, batchSize: 100, optimizer: .adam()))
        while !loop.isFinished {
            while !loop.isEpochComplete { _ = try loop.step() }
            let (epoch, _) = loop.endEpoch()
            print(epoch.epoch, epoch.cost, epoch.state.iteration)   // the epoch, its cost, the iterations so far
        }
        #expect(loop.isFinished)
    }
}
