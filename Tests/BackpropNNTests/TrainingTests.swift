import Testing
import BackpropNN

/// The training loop: learning a non-linear data set, parity with the course's model,
/// resumption, observers, early stopping, divergence detection and bad input.
@Suite struct TrainingTests {
    @Test func spiralsAreLearnedToHighAccuracy() throws {
        // Three interleaved arms: no linear model gets far above 1/3. Float32, mini-batches, Adam.
        let (X, Y) = try makeSpirals(pointsPerClass: 100, classes: 3, noise: 0.2, seed: 0, as: Float.self)
        var network = try Network<Float>(
            inputSize: 2, layers: [LayerSpec(units: 32, activation: .relu), LayerSpec(units: 3, activation: .softmax)],
            loss: .categoricalCrossEntropy, initializer: .he, seed: 1)
        let before = try network.evaluate(X: X, labels: Y)
        let options = TrainingOptions(learningRate: 0.02, epochs: 300, batchSize: 100, seed: 3, optimizer: .adam(), costInterval: 50)
        var reported: [Int] = []
        let result = try network.train(X: X, labels: Y, options: options) { event in
            if case .iteration(let report) = event { reported.append(report.iteration) }
            return .continue
        }
        let after = try network.evaluate(X: X, labels: Y)
        #expect(result.stopReason == .completed)
        #expect(result.state.iteration == 900 && result.state.epoch == 300)
        #expect(reported == Array(stride(from: 0, to: 900, by: 50)) + [899])
        #expect(result.epochCosts.count == 300 && result.epochCosts.last! < result.epochCosts.first! / 4)
        #expect(before.accuracy! < 0.5)
        #expect(after.accuracy! >= 0.95, "training accuracy \(after.accuracy!)")
        let confusion = try ConfusionMatrix(predicted: network.predictClasses(X), labels: classIndices(from: Y), classCount: 3)
        #expect(confusion.macroRecall >= 0.95)
    }

    /// lLayerModel (the course's loop on the course functions) and Network.train with the
    /// course's numerics: the same parameters and costs, bit for bit.
    func expectCourseModelBitForBit<T: MatrixScalar>(
        _: T.Type, dims: [Int], iterations: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (X: Matrix<T>, Y: Matrix<T>, course: Parameters<T>) {
        let (X, Y) = try loadPlanarDataset(count: 60, seed: 1, as: T.self)
        let course = try lLayerModel(X: X, Y: Y, layerDims: dims, options: CourseTrainingOptions(learningRate: 0.05, iterations: iterations, seed: 2, costInterval: 10))
        var network = try Network<T>(architecture: .course(layerDims: dims),
                                     parameters: initializeParametersDeep(layerDims: dims, scheme: .normalizedByFanIn, seed: 2))
        let result = try network.train(X: X, labels: Y, options: TrainingOptions(learningRate: 0.05, epochs: iterations, costInterval: 10, numerics: .course))
        #expect(network.parameters == course.parameters, sourceLocation: sourceLocation)
        #expect(result.costs == course.costs, sourceLocation: sourceLocation)
        return (X, Y, course.parameters)
    }

    @Test func courseNumericsReproduceTheCourseModelBitForBit() throws {
        _ = try expectCourseModelBitForBit(Float.self, dims: [2, 5, 3, 1], iterations: 60)
        let dims = [2, 4, 3, 1]
        let (X, Y, courseParameters) = try expectCourseModelBitForBit(Double.self, dims: dims, iterations: 120)
        // The stable formulation is the same mathematics: close, not identical.
        var stable = try Network<Double>(architecture: .course(layerDims: dims),
                                         parameters: initializeParametersDeep(layerDims: dims, scheme: .normalizedByFanIn, seed: 2))
        _ = try stable.train(X: X, labels: Y, options: TrainingOptions(learningRate: 0.05, epochs: 120, costInterval: 10))
        #expect(stable.parameters.layers[0].W.isApproximatelyEqual(to: courseParameters.layers[0].W, tolerance: 1e-9))
    }

    static func resumableSetup() throws -> (Network<Double>, Matrix<Double>, Matrix<Double>, TrainingOptions) {
        let (X, Y) = try makeSpirals(pointsPerClass: 20, classes: 3, seed: 2, as: Double.self)
        let network = try Network<Double>(
            inputSize: 2, layers: [LayerSpec(units: 8, activation: .tanh), LayerSpec(units: 6, activation: .leakyRelu(slope: 0.01)), LayerSpec(units: 3, activation: .softmax)],
            loss: .categoricalCrossEntropy, initializer: .xavierUniform, seed: 4)
        let options = TrainingOptions(
            learningRate: 0.01, epochs: 6, batchSize: 16, seed: 9, lambda: 0.01, keepProbabilities: [0.9, 0.8],
            optimizer: .adam(), schedule: .step(every: 2, factor: 0.5), costInterval: 1)
        return (network, X, Y, options)
    }

    @Test func resumingFromAnExportedStateContinuesExactly() throws {
        let (start, X, Y, options) = try Self.resumableSetup()
        var straight = start
        let full = try straight.train(X: X, labels: Y, options: options)

        var first = start
        var half = options
        half.epochs = 3
        let part = try first.train(X: X, labels: Y, options: half)
        #expect(part.state.epoch == 3 && part.state.iteration == 12)
        // Through the checkpoint representation: named tensors and text metadata.
        let (tensors, metadata) = part.state.exported
        #expect(tensors.keys.contains("adam.v.W1") && metadata["iteration"] == "12")
        let restored = try TrainingState(optimizer: options.optimizer, parameters: first.parameters, tensors: tensors, metadata: metadata)
        #expect(restored == part.state)
        var resumed = try Network(architecture: first.architecture, parameters: first.parameters)
        let rest = try resumed.train(X: X, labels: Y, options: options, resumingFrom: restored)
        #expect(resumed.parameters == straight.parameters)
        #expect(part.epochCosts + rest.epochCosts == full.epochCosts)
        #expect(rest.state == full.state)
    }

    @Test func aStateOfOtherOptimizerHyperParametersIsRefused() throws {
        let (start, _, _, _) = try Self.resumableSetup()
        let (tensors, metadata) = TrainingState<Double>(optimizer: .adam(beta1: 0.8), parameters: start.parameters).exported
        #expect(metadata["optimizer.beta1"] == "0.8")
        let error = #expect(throws: NetworkError.self) {
            try TrainingState(optimizer: .adam(), parameters: start.parameters, tensors: tensors, metadata: metadata)
        }
        #expect(error?.argument == "optimizer.beta1" && error?.value == "0.9" && error?.expected == "0.8, the checkpoint's")
        #expect(try TrainingState(optimizer: .adam(beta1: 0.8), parameters: start.parameters, tensors: tensors, metadata: metadata).optimizerState.optimizer == .adam(beta1: 0.8))
    }

    @Test func observerStopsAndEpochEventsCarryValidation() throws {
        let (start, X, Y, options) = try Self.resumableSetup()
        var network = start
        var epochs: [EpochReport<Double>] = []
        let result = try network.train(X: X, labels: Y, validation: (X, Y), options: options) { event in
            guard case .epoch(let report) = event else { return .continue }
            epochs.append(report)
            return report.epoch == 1 ? .stop : .continue
        }
        #expect(result.stopReason == .observer)
        #expect(result.state.epoch == 2 && epochs.map(\.epoch) == [0, 1])
        #expect(epochs.map(\.learningRate) == [0.01, 0.01])
        let validation = try #require(epochs.last?.validation)
        #expect(validation == (try network.evaluate(X: X, labels: Y)))
        #expect(validation.accuracy != nil)
    }

    /// `.started` comes once, before the first iteration; a stop there leaves the network as it was.
    @Test func theStartedEventComesOnceBeforeTheFirstIteration() throws {
        let (start, X, Y, options) = try Self.resumableSetup()
        var network = start
        var events: [String] = []
        _ = try network.train(X: X, labels: Y, options: options) { event in
            switch event {
            case .started: events.append("started")
            case .iteration(let report): events.append("iteration \(report.iteration)")
            case .epoch(let report): events.append("epoch \(report.epoch)")
            }
            return .continue
        }
        #expect(events.first == "started" && events.filter { $0 == "started" }.count == 1)
        #expect(events.dropFirst().first == "iteration 0")
        var stopped = start
        let result = try stopped.train(X: X, labels: Y, options: options) { event in
            if case .started = event { return .stop }
            Issue.record("an event after a stop at .started")
            return .continue
        }
        #expect(result.stopReason == .observer && result.state.iteration == 0 && result.state.epoch == 0)
        #expect(stopped.parameters == start.parameters)
    }

    @Test func earlyStoppingOnAPlateau() throws {
        let (start, X, Y, _) = try Self.resumableSetup()
        var network = start
        // No decrease ever exceeds 10: the best stays at epoch 0 and patience 2 ends epoch 2.
        let options = TrainingOptions(learningRate: 0.01, epochs: 50, batchSize: 30, earlyStopping: EarlyStopping(patience: 2, minDelta: 10))
        let result = try network.train(X: X, labels: Y, validation: (X, Y), options: options)
        #expect(result.stopReason == .earlyStopping(epoch: 2))
        #expect(result.epochCosts.count == 3)
    }

    @Test func divergenceNamesTheIterationAndLayer() throws {
        let X = Matrix<Double>([[1, 2, 3, 4], [2, 1, 0, -1]])
        let Y = Matrix<Double>([[100, 200, 300, 400]])
        var network = try Network<Double>(inputSize: 2, layers: [LayerSpec(units: 3, activation: .identity), LayerSpec(units: 1, activation: .identity)],
                                          loss: .meanSquaredError, initializer: .he, seed: 1)
        let error = #expect(throws: TrainingError.self) {
            _ = try network.train(X: X, labels: Y, options: TrainingOptions(learningRate: 10, epochs: 100))
        }
        guard case .nonFinite(let iteration, let epoch, let layer, let quantity) = error else {
            Issue.record("expected nonFinite, got \(String(describing: error))")
            return
        }
        #expect(iteration > 0 && iteration == epoch && (1...2).contains(layer))
        #expect(["Z", "A", "cost", "dW", "db"].contains(quantity))
        #expect(error!.description.contains("iteration \(iteration)") && error!.description.contains("layer \(layer)"))
        #expect(network.parameters.layers.allSatisfy { $0.W.isFinite && $0.b.isFinite })
    }

    static func badInput(_ body: (inout Network<Float>) throws(TrainingError) -> Void) -> NetworkError? {
        var network = try! Network<Float>(inputSize: 2, layers: [LayerSpec(units: 3, activation: .relu), LayerSpec(units: 10, activation: .softmax)],
                                          loss: .categoricalCrossEntropy, seed: 1)
        do throws(TrainingError) {
            try body(&network)
        } catch {
            if case .invalidInput(let e) = error { return e }
        }
        return nil
    }

    @Test func badInputThrowsTypedErrorsNamingTheArgument() throws {
        let X = Matrix<Float>([[0, 1, 2], [1, 0, 1]])
        let label12 = Self.badInput { net throws(TrainingError) in _ = try net.train(X: X, labels: Matrix([[1, 12, 3]])) }
        #expect(label12 == NetworkError(argument: "Y", value: "label 12.0 at example 1", expected: "a class in 0..<10"))
        #expect(Self.badInput { net throws(TrainingError) in _ = try net.train(X: X, labels: Matrix([[1, 2.5, 3]])) }?.argument == "Y")
        let mismatch = Self.badInput { net throws(TrainingError) in _ = try net.train(X: X, labels: Matrix([[1, 2, 3, 4]])) }
        #expect(mismatch?.argument == "Y" && mismatch?.value == "shape (1, 4)")
        let batch0 = Self.badInput { net throws(TrainingError) in _ = try net.train(X: X, labels: Matrix([[1, 2, 3]]), options: TrainingOptions(batchSize: 0)) }
        #expect(batch0 == NetworkError(argument: "batchSize", value: "0", expected: "1 or more examples per batch"))
        for keep in [0.0, 1.5, -0.2] {
            let error = Self.badInput { net throws(TrainingError) in _ = try net.train(X: X, labels: Matrix([[1, 2, 3]]), options: TrainingOptions(keepProbability: keep)) }
            #expect(error == NetworkError(argument: "keepProbability", value: "\(keep)", expected: "a keep probability in (0, 1]"))
        }
        let perLayer = Self.badInput { net throws(TrainingError) in
            _ = try net.train(X: X, labels: Matrix([[1, 2, 3]]), options: TrainingOptions(keepProbabilities: [0]))
        }
        #expect(perLayer?.argument == "keepProbabilities[0]")
        let nanX = Self.badInput { net throws(TrainingError) in _ = try net.train(X: Matrix([[0, .nan, 2], [1, 0, 1]]), labels: Matrix([[1, 2, 3]])) }
        #expect(nanX?.argument == "X" && nanX?.value == "nan at row 0, example 1")
        let wrongFeatures = Self.badInput { net throws(TrainingError) in _ = try net.train(X: Matrix([[0, 1, 2]]), labels: Matrix([[1, 2, 3]])) }
        #expect(wrongFeatures?.argument == "X")
        #expect(Self.badInput { net throws(TrainingError) in _ = try net.train(X: X, labels: Matrix([[1, 2, 3]]), options: TrainingOptions(learningRate: .infinity)) }?.argument == "learningRate")

        // Binary cross-entropy takes only 0 and 1.
        var binary = try Network<Float>(inputSize: 2, layers: [LayerSpec(units: 1, activation: .sigmoid)], loss: .binaryCrossEntropy)
        let error = #expect(throws: TrainingError.self) { _ = try binary.train(X: X, labels: Matrix([[0, 1, 2]])) }
        #expect(error == .invalidInput(NetworkError(argument: "Y", value: "label 2.0 at example 2", expected: "0 or 1 for binary cross-entropy")))
    }

    @Test func oneHotAndIntegerLabelsTrainAlike() throws {
        let (X, Y) = try makeSpirals(pointsPerClass: 10, classes: 3, seed: 1, as: Double.self)
        let oneHot = try Loss.categoricalCrossEntropy.targets(from: Y, outputCount: 3)
        #expect(oneHot.shape == (3, 30) && oneHot.sum(axis: 0) == Matrix(rows: 1, columns: 30, repeating: 1))
        let (start, _, _, _) = try Self.resumableSetup()
        var a = start, b = start
        let options = TrainingOptions(learningRate: 0.05, epochs: 5, batchSize: 8, seed: 1, optimizer: .momentum())
        _ = try a.train(X: X, labels: Y, options: options)
        _ = try b.train(X: X, labels: oneHot, options: options)
        #expect(a.parameters == b.parameters)
    }
}
