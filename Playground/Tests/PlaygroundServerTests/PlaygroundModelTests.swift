import Backprop
import Foundation
import Testing
@testable import PlaygroundServer

@Suite struct PlaygroundModelTests {
    @Test(arguments: PlaygroundDataSet.allCases)
    func dataSetsLieInTheSquareWithTheirLabels(_ set: PlaygroundDataSet) {
        let (X, labels) = set.generate(count: 200, noise: 0.2, seed: 3)
        #expect(X.rows == 2 && X.columns == 200 && labels.columns == 200)
        #expect(X.elements.allSatisfy { abs($0) <= 9 })
        if set.isClassification {
            #expect(Set(labels.elements) == [0, 1])
        } else {
            #expect(labels.elements.allSatisfy { (-1...1).contains($0) })
            #expect(Set(labels.elements).count > 100)
        }
        // The same seed gives the same points; another seed others.
        #expect(set.generate(count: 200, noise: 0.2, seed: 3).X == X)
        #expect(set.generate(count: 200, noise: 0.2, seed: 4).X != X)
    }

    @Test func defaultNetworkIs2882AndLearnsSpirals() throws {
        var model = try PlaygroundModel(settings: PlaygroundSettings())
        #expect(model.network.architecture.layerDims == [2, 8, 8, 2])
        #expect(model.trainX.columns == 200 && model.testX.columns == 200)
        let before = model.costs()
        for _ in 0..<3000 { model.trainStep() }
        let after = model.costs()
        #expect(model.step == 3000 && model.epoch == 150)
        #expect(after.train < before.train / 3, "train cost \(before.train) → \(after.train)")
        #expect(after.test < 0.35, "test cost \(after.test)")
    }

    @Test func featuresAreTheRowsOfX() throws {
        var settings = PlaygroundSettings()
        settings.features = [.x1, .x1Squared, .sinX2, .x1x2]
        let model = try PlaygroundModel(settings: settings)
        let x1 = model.train.points[0, 5], x2 = model.train.points[1, 5]
        #expect(model.trainX.rows == 4)
        #expect(model.trainX[1, 5] == x1 * x1 && model.trainX[3, 5] == x1 * x2)
        #expect(abs(model.trainX[2, 5] - sin(x2)) < 1e-15)
    }

    @Test func regressionHasOneIdentityOutputAndMeanSquaredError() throws {
        var settings = PlaygroundSettings()
        settings.dataSet = .plane
        settings.hiddenLayers = [4]
        let model = try PlaygroundModel(settings: settings)
        #expect(model.network.architecture.layerDims == [2, 4, 1])
        #expect(model.network.loss == .meanSquaredError && model.network.activations.last == .identity)
    }

    @Test func l1AddsTheSignOfTheWeightsOverM() throws {
        var settings = PlaygroundSettings()
        settings.regularization = "l1"
        settings.regularizationRate = 0.5
        let model = try PlaygroundModel(settings: settings)
        var gradients = Gradients<Double>(layers: model.network.parameters.layers.map { DenseParameters(W: .zeros(rows: $0.W.rows, columns: $0.W.columns), b: .zeros(rows: $0.b.rows, columns: 1)) }, activations: [])
        model.addL1(to: &gradients, examples: 10)
        let W = model.network.parameters.W(2), dW = gradients.dW(2)
        for i in 0..<W.count { #expect(dW.elements[i] == (W.elements[i] > 0 ? 0.05 : -0.05)) }
        #expect(gradients.db(2).elements.allSatisfy { $0 == 0 })
    }

    @Test func inspectionMatchesTheNetworksBackwardPass() throws {
        var settings = PlaygroundSettings()
        settings.regularization = "l2"
        settings.regularizationRate = 0.1
        var model = try PlaygroundModel(settings: settings)
        for _ in 0..<50 { model.trainStep() }
        let inspection = try model.inspect(set: "test", index: 7)
        let x = model.testX.columns(at: [7]), y = model.testY.columns(at: [7])
        let (output, caches) = model.network.forward(x)
        let gradients = model.network.backward(output: output, caches: caches, targets: y, lambda: 0.1, computingInputGradient: true)
        for l in 1...3 {
            #expect(inspection.layers[l - 1].dW == model.rows(gradients.dW(l)), "dW\(l)")
            #expect(inspection.layers[l - 1].db == model.rows(gradients.db(l)), "db\(l)")
            #expect(inspection.layers[l - 1].Z == model.rows(caches[l - 1].Z), "Z\(l)")
        }
        #expect(inspection.layers[2].A == model.rows(output))
        #expect(inspection.layers[1].dA == model.rows(gradients.dA(2)))
        #expect(inspection.layers[0].equations["dW"] == "dW[1] = (1/m) · dZ[1] · A[0]ᵀ + (λ/m) · W[1]")
        #expect(throws: PlaygroundError.self) { try model.inspect(set: "test", index: 200) }
        #expect(throws: PlaygroundError.self) { try model.inspect(set: "validation", index: 0) }
    }

    @Test(arguments: ["tanh", "sigmoid", "linear"])
    func gradientCheckAgrees(_ activation: String) throws {
        var settings = PlaygroundSettings()
        settings.activation = activation
        settings.regularization = "l2"
        settings.regularizationRate = 0.01
        var model = try PlaygroundModel(settings: settings)
        for _ in 0..<20 { model.trainStep() }
        #expect(try model.gradientCheckResult().relativeDifference < 1e-6)
        for _ in 0..<3000 { model.trainStep() }
        let result = try model.gradientCheckResult()
        #expect(result.relativeDifference < 1e-6, "\(result)")
    }

    @Test func gradientCheckStaysMeaningfulOnAFittedNetwork() throws {
        var model = try PlaygroundModel(settings: PlaygroundSettings())
        for _ in 0..<20000 { model.trainStep() }
        #expect(model.costs().train < 1e-6)
        // The course's choice, the first examples at ε = 1e-7, cannot resolve gradients near 1e-9.
        let naive = try gradientCheck(network: model.network, X: model.trainX.columns(in: 0..<32), labels: model.train.labels.columns(in: 0..<32))
        #expect(naive.relativeDifference > 1e-4)
        // The worst-fitted examples keep the check meaningful.
        let result = try model.gradientCheckResult()
        #expect(result.relativeDifference < 1e-6, "\(result)")
        let (X, _) = model.worstFittedExamples(count: 32)
        #expect(X.columns == 32)
    }

    @Test func heatMapsCoverTheOutputAndEveryNeuron() throws {
        var settings = PlaygroundSettings()
        settings.features = [.x1, .x2, .sinX1]
        settings.hiddenLayers = [3, 5]
        let model = try PlaygroundModel(settings: settings)
        let maps = model.neuronHeatMaps(size: 10)
        #expect(maps.map(\.count) == [3, 3, 5])
        #expect(maps.joined().allSatisfy { $0.bytes.count == 100 })
        // x₁ grows left to right, x₂ top to bottom falls.
        #expect(maps[0][0].bytes[0] < maps[0][0].bytes[9] && maps[0][1].bytes[0] > maps[0][1].bytes[90])
        let output = model.outputHeatMap(size: 12)
        #expect(output.bytes.count == 144 && Set(output.bytes).count > 1)
    }

    @Test func reproductionNamesTheSetUp() throws {
        var settings = PlaygroundSettings()
        settings.regularization = "l2"
        settings.regularizationRate = 0.003
        let model = try PlaygroundModel(settings: settings)
        let command = model.commandLine()
        #expect(command.contains("--layers 2,8,8,2 --hidden-activation tanh"))
        #expect(command.contains("--optimizer adam --learning-rate 0.03"))
        #expect(command.contains("--l2 0.003"))
        #expect(model.swiftCode().contains("LayerSpec(units: 8, activation: .tanh)"))
        let csv = model.csv(set: "train").split(separator: "\n")
        #expect(csv.first == "x1,x2,label" && csv.count == 201)
        let saved = try ModelFile.decode(SafeTensorsFile(bytes: model.modelFile()), file: "model")
        #expect(saved.architecture.layerDims == [2, 8, 8, 2])
    }

    @Test func theShownSetUpReproducesTheSessionsNumbers() throws {
        var settings = PlaygroundSettings()
        settings.regularization = "l2"
        settings.regularizationRate = 0.001
        var model = try PlaygroundModel(settings: settings)
        for _ in 0..<100 { model.trainStep() }   // 5 epochs of 20 batches
        #expect(model.epoch == 5 && model.swiftCode().contains("epochs: 5, batchSize: 10"))
        // What the Swift code (and the command line, through the same library) does.
        var network = try Network<Double>(inputSize: 2, layers: PlaygroundModel.layers(settings), loss: .categoricalCrossEntropy,
                                          initializer: .xavierNormal, seed: 1)
        let options = TrainingOptions(learningRate: 0.03, epochs: 5, batchSize: 10, seed: 1, lambda: 0.001, optimizer: .adam())
        _ = try network.train(X: model.trainX, labels: model.train.labels, options: options)
        let playground = model.costs()
        let reproduced = try network.cost(X: model.testX, labels: model.test.labels)
        #expect(abs(reproduced - playground.test) <= 1e-12 * playground.test, "\(reproduced) vs \(playground.test)")
    }

    @Test func noHiddenLayerIsAnOutputLayerAlone() throws {
        var settings = PlaygroundSettings()
        settings.hiddenLayers = []
        settings.features = [.x1, .x2, .x1Squared, .x2Squared]
        settings.dataSet = .circles
        var model = try PlaygroundModel(settings: settings)
        for _ in 0..<400 { model.trainStep() }
        #expect(model.network.architecture.layerDims == [4, 2])
        #expect(model.neuronHeatMaps(size: 8).map(\.count) == [4])
        #expect(try model.inspect(set: "train", index: 0).layers.count == 1)
        #expect(model.costs().test < 0.3, "circles are separable with x1², x2²: \(model.costs())")
    }
}
