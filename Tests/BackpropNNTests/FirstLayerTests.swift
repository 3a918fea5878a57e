import Testing
import BackpropNN

/// The first-layer strategies: fused gives the bits of plain, and the automatic choice.
@Suite struct FirstLayerTests {
    /// Trains `network` on the full batch with each strategy, forced; every cost and parameter
    /// must be the same bits.
    func expectStrategiesAgree<T: MatrixScalar>(
        _ network: Network<T>, X: Matrix<T>, labels: Matrix<T>, options: TrainingOptions, _ name: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        var runs: [(costs: [T], parameters: Parameters<T>)] = []
        for strategy in [FirstLayerStrategy.plain, .fused] {
            var forced = options
            forced.firstLayer = strategy
            var loop = try TrainingLoop(network: network, X: X, labels: labels, options: forced)
            #expect(loop.firstLayerStrategy == strategy, sourceLocation: sourceLocation)
            var costs: [T] = []
            while !loop.isFinished {
                while !loop.isEpochComplete { costs.append(try loop.step().cost) }
                _ = loop.endEpoch()
            }
            runs.append((costs, loop.network.parameters))
        }
        #expect(runs[0].costs == runs[1].costs, "\(name): costs differ", sourceLocation: sourceLocation)
        #expect(runs[0].parameters == runs[1].parameters, "\(name): parameters differ", sourceLocation: sourceLocation)
    }

    @Test func fusedGivesTheBitsOfPlain() throws {
        var rng = NumPyRandom(seed: 21)
        // Small X too: the strategy, not the size, decides (the pass reads X by stride either way).
        for (rows, columns) in [(300, 40), (1400, 200)] {
            let X = rng.rand(rows: rows, columns: columns, as: Double.self)
            let labels = Matrix<Double>(rows: 1, columns: columns) { _, c in X[1, c] > 0.5 ? 1 : 0 }
            let dims = [rows, 6, 1]
            let course = try Network<Double>(architecture: .course(layerDims: dims),
                                             parameters: initializeParametersDeep(layerDims: dims, scheme: .normalizedByFanIn, seed: 3))
            try expectStrategiesAgree(course, X: X, labels: labels, options: TrainingOptions(learningRate: 0.05, epochs: 5, lambda: 0.2, numerics: .course),
                                      "course numerics \(rows)×\(columns)")
            let stable = try Network<Double>(inputSize: rows, layers: [LayerSpec(units: 4, activation: .tanh), LayerSpec(units: 1, activation: .sigmoid)],
                                             loss: .binaryCrossEntropy, initializer: .he, seed: 4)
            try expectStrategiesAgree(stable, X: X, labels: labels, options: TrainingOptions(learningRate: 0.05, epochs: 5), "stable \(rows)×\(columns)")
        }
    }

    /// Trains `network` on the full batch with `strategy` (forced) and returns every cost, the
    /// parameters and the final state.
    static func train<T: MatrixScalar>(
        _ network: Network<T>, X: Matrix<T>, labels: Matrix<T>, options: TrainingOptions, strategy: FirstLayerStrategy,
        resumingFrom state: TrainingState<T>? = nil
    ) throws -> (costs: [T], parameters: Parameters<T>, state: TrainingState<T>) {
        var forced = options
        forced.firstLayer = strategy
        forced.costInterval = 1
        var trained = network
        let result = try trained.train(X: X, labels: labels, options: forced, resumingFrom: state)
        return (result.costs.map(\.cost), trained.parameters, result.state)
    }

    /// The largest |a − b| / max|b| over the elements.
    static func relativeDifference(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Double {
        a.maxAbsoluteDifference(b) / Swift.max(b.elements.map(abs).max() ?? 0, .leastNormalMagnitude)
    }

    @Test(arguments: [
        ("gradient descent", TrainingOptions(learningRate: 0.05, epochs: 30)),
        ("L2", TrainingOptions(learningRate: 0.05, epochs: 30, lambda: 0.7)),
        ("decaying rate", TrainingOptions(learningRate: 0.08, epochs: 30, schedule: .inverseTime(decayRate: 0.5, interval: 5))),
        ("momentum", TrainingOptions(learningRate: 0.05, epochs: 30, optimizer: .momentum(beta: 0.9))),
        ("momentum, L2, course numerics", TrainingOptions(learningRate: 0.05, epochs: 30, lambda: 0.4, optimizer: .momentum(beta: 0.8), numerics: .course)),
    ])
    func gramMatchesPlainInDoublePrecision(setting: String, options: TrainingOptions) throws {
        var rng = NumPyRandom(seed: 31)
        for (n0, m, hidden) in [(300, 40, [6]), (1000, 120, [8, 4]), (257, 128, [5])] {
            let X = rng.rand(rows: n0, columns: m, as: Double.self)
            let labels = Matrix<Double>(rows: 1, columns: m) { _, c in X[1, c] + X[2, c] > 1 ? 1 : 0 }
            let dims = [n0] + hidden + [1]
            let network = try Network<Double>(architecture: .course(layerDims: dims),
                                              parameters: initializeParametersDeep(layerDims: dims, scheme: .normalizedByFanIn, seed: 3))
            let plain = try Self.train(network, X: X, labels: labels, options: options, strategy: .plain)
            let gram = try Self.train(network, X: X, labels: labels, options: options, strategy: .gram)
            let name = "\(setting), \(dims), m = \(m)"
            #expect(plain.costs.count == options.epochs && gram.costs.count == options.epochs, "\(name)")
            let worstCost = zip(gram.costs, plain.costs).map { abs($0 - $1) / abs($1) }.max() ?? .infinity
            #expect(worstCost <= 1e-12, "\(name): costs differ by \(worstCost) relative")
            for l in 1...network.layerCount {
                let dW = Self.relativeDifference(gram.parameters.W(l), plain.parameters.W(l))
                let db = Self.relativeDifference(gram.parameters.b(l), plain.parameters.b(l))
                #expect(dW <= 1e-12 && db <= 1e-12, "\(name): W\(l) differs by \(dW), b\(l) by \(db) relative")
            }
        }
    }

    @Test func aGramRunResumedFromItsCheckpointStateIsBitExact() throws {
        var rng = NumPyRandom(seed: 32)
        let X = rng.rand(rows: 600, columns: 50, as: Double.self)
        let labels = Matrix<Double>(rows: 1, columns: 50) { _, c in X[0, c] > 0.5 ? 1 : 0 }
        let network = try Network<Double>(inputSize: 600, layers: [LayerSpec(units: 7, activation: .relu), LayerSpec(units: 1, activation: .sigmoid)],
                                          loss: .binaryCrossEntropy, initializer: .he, seed: 5)
        for optimizer in [Optimizer.gradientDescent, .momentum()] {
            let whole = try Self.train(network, X: X, labels: labels, options: TrainingOptions(learningRate: 0.05, epochs: 20, lambda: 0.1, optimizer: optimizer), strategy: .gram)
            let first = try Self.train(network, X: X, labels: labels, options: TrainingOptions(learningRate: 0.05, epochs: 8, lambda: 0.1, optimizer: optimizer), strategy: .gram)
            #expect(first.state.firstLayer != nil, "the state of a Gram run holds its coefficients")
            // Through the checkpoint's tensors and metadata, as a file would hold them.
            let exported = first.state.exported
            let restoredState = try TrainingState<Double>(optimizer: optimizer, parameters: first.parameters, tensors: exported.tensors, metadata: exported.metadata)
            #expect(restoredState == first.state)
            let restored = try Network<Double>(architecture: network.architecture, parameters: first.parameters)
            let second = try Self.train(restored, X: X, labels: labels, options: TrainingOptions(learningRate: 0.05, epochs: 20, lambda: 0.1, optimizer: optimizer),
                                        strategy: .gram, resumingFrom: restoredState)
            #expect(first.costs + second.costs == whole.costs, "\(optimizer.name): costs")
            #expect(second.parameters == whole.parameters, "\(optimizer.name): parameters")
            // Resumed with the plain strategy instead: W(1) and its velocity are formed, and
            // training continues to the same numbers (to rounding).
            let plain = try Self.train(restored, X: X, labels: labels, options: TrainingOptions(learningRate: 0.05, epochs: 20, lambda: 0.1, optimizer: optimizer),
                                       strategy: .plain, resumingFrom: restoredState)
            #expect(Self.relativeDifference(plain.parameters.W(1), whole.parameters.W(1)) <= 1e-12, "\(optimizer.name): plain after gram")
            // Resumed on data with another number of examples: refused, naming the coefficients.
            let fewer = X.columns(in: 0..<40), fewerLabels = labels.columns(in: 0..<40)
            let refused = #expect(throws: TrainingError.self) {
                _ = try Self.train(restored, X: fewer, labels: fewerLabels, options: TrainingOptions(learningRate: 0.05, epochs: 20, lambda: 0.1, optimizer: optimizer),
                                   strategy: .gram, resumingFrom: restoredState)
            }
            guard case .invalidInput(let error)? = refused else { Issue.record("expected invalid input, got \(String(describing: refused))"); continue }
            #expect(error.argument == "first-layer.R")
        }
    }

    @Test func aDivergingGramStepLeavesTheLastGoodParameters() throws {
        var rng = NumPyRandom(seed: 33)
        let X = rng.rand(rows: 400, columns: 30, as: Double.self)
        let Y = Matrix<Double>(rows: 1, columns: 30) { _, c in 100 * X[0, c] }
        let network = try Network<Double>(inputSize: 400, layers: [LayerSpec(units: 3, activation: .identity), LayerSpec(units: 1, activation: .identity)],
                                          loss: .meanSquaredError, initializer: .he, seed: 1)
        func run(_ strategy: FirstLayerStrategy) -> (error: TrainingError?, network: Network<Double>) {
            var trained = network
            do {
                _ = try trained.train(X: X, labels: Y, options: TrainingOptions(learningRate: 5, epochs: 300, firstLayer: strategy))
                return (nil, trained)
            } catch {
                return (error, trained)
            }
        }
        let gram = run(.gram), plain = run(.plain)
        guard case .nonFinite(let iteration, _, _, _)? = gram.error, case .nonFinite(let plainIteration, _, _, _)? = plain.error else {
            Issue.record("expected divergence both ways, got \(String(describing: gram.error)) and \(String(describing: plain.error))")
            return
        }
        #expect(abs(iteration - plainIteration) <= 1, "gram stopped at \(iteration), plain at \(plainIteration)")
        #expect(gram.network.parameters.layers.allSatisfy { $0.W.isFinite && $0.b.isFinite })
    }

    @Test func theAutomaticChoice() {
        let wide = Matrix<Float>(rows: 12288, columns: 209), narrow = Matrix<Float>(rows: 20, columns: 209)
        let fullBatch = TrainingOptions(epochs: 1)
        #expect(FirstLayerStrategy.choice(for: fullBatch, input: wide).strategy == .gram)
        #expect(FirstLayerStrategy.choice(for: TrainingOptions(epochs: 1, optimizer: .momentum()), input: wide).strategy == .gram)
        #expect(FirstLayerStrategy.choice(for: fullBatch, input: narrow).strategy == .plain)
        // m above n_x / 2: not gram; fused where X is too large for a stored transpose.
        let square = Matrix<Float>(rows: 1200, columns: 1000)
        #expect(FirstLayerStrategy.choice(for: fullBatch, input: square).strategy == .fused)
        #expect(FirstLayerStrategy.choice(for: fullBatch, input: square).reason.contains("m = 1000 is not at most n_x / 2 = 600"))
        #expect(FirstLayerStrategy.choice(for: TrainingOptions(epochs: 1, batchSize: 64), input: wide).strategy == .plain)
        #expect(FirstLayerStrategy.choice(for: TrainingOptions(epochs: 1, optimizer: .adam()), input: wide).strategy == .plain)
        #expect(FirstLayerStrategy.fused.supports(fullBatch) && !FirstLayerStrategy.fused.supports(TrainingOptions(batchSize: 8)))
        #expect(FirstLayerStrategy.plain.supports(TrainingOptions(batchSize: 8, optimizer: .rmsProp())))
        // G above the memory limit (9000² doubles = 618 MiB).
        let tall = Matrix<Double>(rows: 20000, columns: 9000)
        #expect(FirstLayerStrategy.gram.refusal(options: fullBatch, input: tall, resuming: nil)?.contains("MiB") == true)
        // A momentum state of another strategy cannot be resumed in Gram space.
        var resumed = TrainingState<Float>(optimizer: .momentum(), parameters: Parameters(layers: [DenseParameters(W: Matrix(rows: 2, columns: 12288), b: Matrix(rows: 2, columns: 1))]))
        resumed.iteration = 5
        #expect(FirstLayerStrategy.choice(for: TrainingOptions(epochs: 9, optimizer: .momentum()), input: wide, resuming: resumed).strategy == .plain)
    }
}
