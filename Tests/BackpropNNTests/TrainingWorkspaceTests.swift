import Testing
import BackpropNN

/// The fast training step (TrainingWorkspace, driven by TrainingLoop and Network.train) against
/// the reference loop (Network.trainReference: Network.forward / cost / backward and a fresh
/// OptimizerState update per iteration), and its storage reuse.
@Suite struct TrainingWorkspaceTests {
    /// Trains a copy of `network` both ways and compares every cost and the final parameters.
    func expectFastMatchesReference<T: MatrixScalar>(
        _ network: Network<T>, X: Matrix<T>, labels: Matrix<T>, options: TrainingOptions, tolerance: T,
        _ name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        var reference = network
        let referenceCosts = try reference.trainReference(X: X, labels: labels, options: options)
        var fast = network
        var every = options
        every.costInterval = 1
        let result = try fast.train(X: X, labels: labels, options: every)
        let fastCosts = result.costs.map(\.cost)
        #expect(fastCosts.count == referenceCosts.count, "\(name): \(fastCosts.count) costs vs \(referenceCosts.count)", sourceLocation: sourceLocation)
        let worstCost = zip(fastCosts, referenceCosts).map { abs($0 - $1) / Swift.max(1, abs($1)) }.max() ?? 0
        #expect(worstCost <= tolerance, "\(name): costs differ by \(worstCost)", sourceLocation: sourceLocation)
        for l in 1...network.layerCount {
            expectClose(fast.parameters.W(l), reference.parameters.W(l), tolerance: tolerance, "\(name) W\(l)", sourceLocation: sourceLocation)
            expectClose(fast.parameters.b(l), reference.parameters.b(l), tolerance: tolerance, "\(name) b\(l)", sourceLocation: sourceLocation)
        }
    }

    // Tolerances: Double 1e-11 relative (only the place of the 1/b differs); Float 2e-4 after
    // 40 steps (the SIMD sigmoid's 2 ulp and the 1/b placement, grown by training).

    @Test func sigmoidCrossEntropyFullBatchMatches() throws {
        let (X, Y) = try loadPlanarDataset(count: 80, seed: 3, as: Double.self)
        let network = try Network<Double>(inputSize: 2, layers: [LayerSpec(units: 7, activation: .relu), LayerSpec(units: 5, activation: .relu),
                                                                LayerSpec(units: 1, activation: .sigmoid)],
                                          loss: .binaryCrossEntropy, initializer: .he, seed: 2)
        try expectFastMatchesReference(network, X: X, labels: Y, options: TrainingOptions(learningRate: 0.1, epochs: 40, lambda: 0.05),
                                       tolerance: 1e-11, "full batch, L2")
        let f = try Network<Float>(architecture: network.architecture, parameters: Parameters(layers: network.parameters.layers.map {
            DenseParameters(W: $0.W.converted(to: Float.self), b: $0.b.converted(to: Float.self)) }))
        try expectFastMatchesReference(f, X: X.converted(to: Float.self), labels: Y.converted(to: Float.self),
                                       options: TrainingOptions(learningRate: 0.1, epochs: 40), tolerance: 2e-4, "float32 full batch")
    }

    @Test func softmaxMiniBatchesWithEveryActivationAndOptimizerMatch() throws {
        let (X, Y) = try makeSpirals(pointsPerClass: 30, classes: 3, seed: 5, as: Double.self)
        let network = try Network<Double>(
            inputSize: 2, layers: [LayerSpec(units: 9, activation: .tanh), LayerSpec(units: 8, activation: .leakyRelu(slope: 0.1)),
                                   LayerSpec(units: 6, activation: .sigmoid), LayerSpec(units: 3, activation: .softmax)],
            loss: .categoricalCrossEntropy, initializer: .xavierUniform, seed: 7)
        for optimizer in [Optimizer.gradientDescent, .momentum(), .rmsProp(), .adam()] {
            let options = TrainingOptions(learningRate: 0.01, epochs: 3, batchSize: 16, seed: 4, lambda: 0.01, optimizer: optimizer)
            try expectFastMatchesReference(network, X: X, labels: Y, options: options, tolerance: 1e-11, "softmax, \(optimizer.name)")
        }
    }

    @Test func regressionAndCourseNumericsMatch() throws {
        var rng = NumPyRandom(seed: 8)
        let X: Matrix<Double> = rng.randn(rows: 4, columns: 50)
        let Y = Matrix<Double>(rows: 2, columns: 50) { r, c in X[r, c] * X[r + 1, c] }
        let mse = try Network<Double>(inputSize: 4, layers: [LayerSpec(units: 6, activation: .relu), LayerSpec(units: 2, activation: .identity)],
                                      loss: .meanSquaredError, initializer: .he, seed: 1)
        try expectFastMatchesReference(mse, X: X, labels: Y, options: TrainingOptions(learningRate: 0.05, epochs: 5, batchSize: 20, dropLast: true),
                                       tolerance: 1e-11, "mse")
        // Not a fused pair (sigmoid output with squared error): the loss's dA(L), then sigmoid backward.
        let unfused = try Network<Double>(inputSize: 4, layers: [LayerSpec(units: 6, activation: .relu), LayerSpec(units: 2, activation: .sigmoid)],
                                          loss: .meanSquaredError, initializer: .he, seed: 1)
        try expectFastMatchesReference(unfused, X: X, labels: Y.map { $0 > 0 ? 1 : 0 }, options: TrainingOptions(learningRate: 0.05, epochs: 5),
                                       tolerance: 1e-11, "sigmoid + mse")
        // The course's numerics: dA(L) → sigmoid backward and (1/m) · x, bit for bit.
        let labels = Matrix<Double>(rows: 1, columns: 50) { _, c in X[0, c] > 0 ? 1 : 0 }
        let course = try Network<Double>(inputSize: 4, layers: [LayerSpec(units: 5, activation: .relu), LayerSpec(units: 1, activation: .sigmoid)],
                                         loss: .binaryCrossEntropy, initializer: .he, seed: 3)
        try expectFastMatchesReference(course, X: X, labels: labels, options: TrainingOptions(learningRate: 0.05, epochs: 10, numerics: .course),
                                       tolerance: 0, "course numerics, bit for bit")
    }

    @Test func dropoutMatches() throws {
        let (X, Y) = try makeSpirals(pointsPerClass: 30, classes: 3, seed: 6, as: Double.self)
        let network = try Network<Double>(
            inputSize: 2, layers: [LayerSpec(units: 12, activation: .relu), LayerSpec(units: 10, activation: .tanh),
                                   LayerSpec(units: 3, activation: .softmax)],
            loss: .categoricalCrossEntropy, initializer: .he, seed: 9)
        // Mini-batches with a last partial batch (the masks change shape), Adam, L2, two keep probabilities.
        let options = TrainingOptions(learningRate: 0.01, epochs: 4, batchSize: 32, seed: 11, lambda: 0.02,
                                      keepProbabilities: [0.8, 0.6], optimizer: .adam())
        try expectFastMatchesReference(network, X: X, labels: Y, options: options, tolerance: 1e-11, "dropout, mini-batches")
        // The course's dropout model (full batch, relu → sigmoid, course numerics): bit for bit.
        let (F, labels) = try loadPlanarDataset(count: 60, seed: 4, as: Double.self)
        let course = try Network<Double>(architecture: .course(layerDims: [2, 8, 4, 1]),
                                         parameters: initializeParametersDeep(layerDims: [2, 8, 4, 1], scheme: .normalizedByFanIn, seed: 5))
        try expectFastMatchesReference(course, X: F, labels: labels,
                                       options: TrainingOptions(learningRate: 0.1, epochs: 30, keepProbability: 0.86, numerics: .course),
                                       tolerance: 0, "course dropout, bit for bit")
    }

    @Test func steadyStateStepsReuseEveryBuffer() throws {
        let (X, Y) = try makeSpirals(pointsPerClass: 40, classes: 3, seed: 1, as: Float.self)
        let network = try Network<Float>(inputSize: 2, layers: [LayerSpec(units: 16, activation: .relu), LayerSpec(units: 3, activation: .softmax)],
                                         loss: .categoricalCrossEntropy, initializer: .he, seed: 1)
        let targets = try network.checkedTargets(X: X, labels: Y)
        var parameters = network.parameters
        var optimizer = OptimizerState<Float>(optimizer: .adam(), parameters: parameters)
        var workspace = TrainingWorkspace<Float>(layerDims: network.architecture.layerDims)
        var addresses: [[UnsafeRawPointer?]] = []
        var parameterAddresses: [[UnsafeRawPointer?]] = []
        for step in 0..<6 {
            let batch = Array((step % 3) * 32..<(step % 3) * 32 + 32)[...]
            X.gatherColumns(batch, into: &workspace.inputBatch)
            Matrix.transpose(workspace.inputBatch, into: &workspace.inputTransposed)
            targets.gatherColumns(batch, into: &workspace.targetBatch)
            var generator = SeededGenerator(seed: UInt64(step))
            workspace.drawDropoutMasks(keepProbabilities: [0.7, 1], using: &generator)
            let cost = workspace.step(parameters: parameters, activations: network.activations, loss: network.loss)
            #expect(cost.isFinite)
            optimizer.update(&parameters, gradients: workspace.gradients, learningRate: 0.01)
            addresses.append(workspace.storageAddresses)
            parameterAddresses.append(parameters.layers.flatMap { [$0.W, $0.b] }.map { $0.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } })
        }
        #expect(addresses.allSatisfy { $0 == addresses[0] }, "a workspace buffer moved: storage was reallocated")
        #expect(parameterAddresses.allSatisfy { $0 == parameterAddresses[0] }, "the update copied a parameter")
        #expect(!addresses[0].contains(nil))
    }

    @Test func theStoredTransposeAndTheStridedReadGiveTheSameBits() throws {
        var rng = NumPyRandom(seed: 6)
        let X = rng.rand(rows: 700, columns: 90, as: Float.self)
        let Y = Matrix<Float>(rows: 1, columns: 90) { _, c in X[3, c] > 0.5 ? 1 : 0 }
        let network = try Network<Float>(inputSize: 700, layers: [LayerSpec(units: 20, activation: .relu), LayerSpec(units: 1, activation: .sigmoid)],
                                         loss: .binaryCrossEntropy, initializer: .he, seed: 2)
        var gradients: [Gradients<Float>] = []
        for stored in [true, false] {
            var workspace = TrainingWorkspace<Float>(layerDims: network.architecture.layerDims)
            workspace.inputBatch = X
            workspace.targetBatch = Y
            if stored { Matrix.transpose(X, into: &workspace.inputTransposed) }
            _ = workspace.step(parameters: network.parameters, activations: network.activations, loss: network.loss)
            gradients.append(workspace.gradients)
        }
        #expect(gradients[0] == gradients[1])
        #expect(TrainingWorkspace<Float>.storesTranspose(of: X) && !TrainingWorkspace<Float>.storesTranspose(of: Matrix(rows: 12288, columns: 209)))
    }

    // Full-batch gradient descent on an X above transposeLimitBytes with the fused first layer
    // (FirstLayerStrategy.fused: W(1)'s update with the next W(1) X in one pass).

    /// Trains a copy of `network` on the full batch (fused first layer) and on one mini-batch of
    /// every example in order (the separate steps); both must give the same bits.
    func expectFusedMatchesSeparateSteps<T: MatrixScalar>(
        _ network: Network<T>, X: Matrix<T>, labels: Matrix<T>, options: TrainingOptions, _ name: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(!TrainingWorkspace<T>.storesTranspose(of: X), "\(name): X is small enough for the stored transpose, so nothing is fused",
                sourceLocation: sourceLocation)
        var fused = network, separate = network
        var full = options, batched = options
        full.firstLayer = .fused
        full.costInterval = 1
        batched.costInterval = 1
        batched.batchSize = X.columns
        batched.shuffle = false
        let fusedResult = try fused.train(X: X, labels: labels, options: full)
        let separateResult = try separate.train(X: X, labels: labels, options: batched)
        let sameCosts = fusedResult.costs == separateResult.costs, sameParameters = fused.parameters == separate.parameters
        #expect(sameCosts, "\(name): costs differ", sourceLocation: sourceLocation)
        #expect(sameParameters, "\(name): parameters differ", sourceLocation: sourceLocation)
    }

    @Test func theFusedFirstLayerGivesTheBitsOfTheSeparateSteps() throws {
        var rng = NumPyRandom(seed: 12)
        let X = rng.rand(rows: 1400, columns: 200, as: Double.self)   // 2.2 MB
        let labels = Matrix<Double>(rows: 1, columns: 200) { _, c in X[5, c] + X[9, c] > 1 ? 1 : 0 }
        let dims = [1400, 6, 3, 1]
        let course = try Network<Double>(architecture: .course(layerDims: dims),
                                         parameters: initializeParametersDeep(layerDims: dims, scheme: .normalizedByFanIn, seed: 3))
        // Against the reference step functions too: the course's numerics are bit for bit.
        try expectFastMatchesReference(course, X: X, labels: labels, options: TrainingOptions(learningRate: 0.05, epochs: 6, numerics: .course, firstLayer: .fused),
                                       tolerance: 0, "fused first layer, course numerics")
        try expectFusedMatchesSeparateSteps(course, X: X, labels: labels, options: TrainingOptions(learningRate: 0.05, epochs: 6, lambda: 0.3, numerics: .course),
                                            "course numerics (dW scaled by 1/m), L2")
        let stable = try Network<Double>(inputSize: 1400, layers: [LayerSpec(units: 5, activation: .tanh), LayerSpec(units: 1, activation: .sigmoid)],
                                         loss: .binaryCrossEntropy, initializer: .he, seed: 4)
        try expectFusedMatchesSeparateSteps(stable, X: X, labels: labels, options: TrainingOptions(learningRate: 0.05, epochs: 6, lambda: 0.1,
                                                                                                     schedule: .inverseTime(decayRate: 1, interval: 2)),
                                            "stable numerics, L2, decaying rate")
        // One layer (logistic regression), Float, dropout on it is not possible: the output layer.
        let Xf = rng.rand(rows: 3000, columns: 180, as: Float.self)   // 2.2 MB
        let labelsF = Matrix<Float>(rows: 1, columns: 180) { _, c in Xf[0, c] > 0.5 ? 1 : 0 }
        let logistic = try Network<Float>(inputSize: 3000, layers: [LayerSpec(units: 1, activation: .sigmoid)], loss: .binaryCrossEntropy,
                                          initializer: .he, seed: 5)
        try expectFusedMatchesSeparateSteps(logistic, X: Xf, labels: labelsF, options: TrainingOptions(learningRate: 0.1, epochs: 5), "Float, one layer")
        let deep = try Network<Float>(inputSize: 3000, layers: [LayerSpec(units: 20, activation: .relu), LayerSpec(units: 7, activation: .relu),
                                                                LayerSpec(units: 1, activation: .sigmoid)],
                                      loss: .binaryCrossEntropy, initializer: .he, seed: 6)
        try expectFusedMatchesSeparateSteps(deep, X: Xf, labels: labelsF, options: TrainingOptions(learningRate: 0.05, epochs: 5, keepProbabilities: [0.8, 1]),
                                            "Float, dropout after layer 1")
    }

    @Test func theFusedFirstLayerStopsOnDivergenceWhereTheSeparateStepsDo() throws {
        var rng = NumPyRandom(seed: 13)
        let X = rng.rand(rows: 1400, columns: 200, as: Double.self)
        let Y = Matrix<Double>(rows: 1, columns: 200) { _, c in 100 * X[0, c] }
        let network = try Network<Double>(inputSize: 1400, layers: [LayerSpec(units: 3, activation: .identity), LayerSpec(units: 1, activation: .identity)],
                                          loss: .meanSquaredError, initializer: .he, seed: 1)
        func run(batchSize: Int?) -> (error: TrainingError?, network: Network<Double>) {
            var trained = network
            do {
                _ = try trained.train(X: X, labels: Y, options: TrainingOptions(learningRate: 5, epochs: 200, batchSize: batchSize, shuffle: false,
                                                                                firstLayer: batchSize == nil ? .fused : nil))
                return (nil, trained)
            } catch {
                return (error, trained)
            }
        }
        let fused = run(batchSize: nil), separate = run(batchSize: 200)
        guard case .nonFinite(let iteration, _, let layer, let quantity)? = fused.error,
              case .nonFinite(let separateIteration, _, let separateLayer, let separateQuantity)? = separate.error else {
            Issue.record("expected divergence both ways, got \(String(describing: fused.error)) and \(String(describing: separate.error))")
            return
        }
        #expect(iteration == separateIteration && layer == separateLayer && quantity == separateQuantity,
                "fused: iteration \(iteration) layer \(layer) \(quantity); separate: \(separateIteration) \(separateLayer) \(separateQuantity)")
        // The parameters of the last good iteration, the same both ways.
        let sameParameters = fused.network.parameters == separate.network.parameters
        #expect(sameParameters)
        #expect(fused.network.parameters.layers.allSatisfy { $0.W.isFinite && $0.b.isFinite })
    }

    // Thread-count independence is the kernels' (KernelThreadingTests checks every kernel bit for
    // bit on 1 and 2 threads); a test here would change the global thread count under that
    // serialized suite, which relies on no other suite setting it.
}
