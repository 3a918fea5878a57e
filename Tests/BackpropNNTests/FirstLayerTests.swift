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
        for strategy in FirstLayerStrategy.allCases {
            var loop = try TrainingLoop(network: network, X: X, labels: labels, options: options, firstLayer: strategy)
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

    @Test func theAutomaticChoice() {
        let wide = Matrix<Float>(rows: 12288, columns: 209), narrow = Matrix<Float>(rows: 20, columns: 209)
        let fullBatch = TrainingOptions(epochs: 1)
        #expect(FirstLayerStrategy.automatic(for: fullBatch, input: wide) == .fused)
        #expect(FirstLayerStrategy.automatic(for: fullBatch, input: narrow) == .plain)
        #expect(FirstLayerStrategy.automatic(for: TrainingOptions(epochs: 1, batchSize: 64), input: wide) == .plain)
        #expect(FirstLayerStrategy.automatic(for: TrainingOptions(epochs: 1, optimizer: .adam()), input: wide) == .plain)
        #expect(FirstLayerStrategy.fused.supports(fullBatch) && !FirstLayerStrategy.fused.supports(TrainingOptions(batchSize: 8)))
        #expect(FirstLayerStrategy.plain.supports(TrainingOptions(batchSize: 8, optimizer: .rmsProp())))
    }
}
