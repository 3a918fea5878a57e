import Backprop

/// One session's data and network, and its training step: Backprop's forward pass, backward
/// pass and optimiser on one mini-batch, the playground adding only the L1 term, which Backprop
/// does not have.
///
/// Classification sets train a softmax output of two units with the categorical cross-entropy
/// (so the default network is 2-8-8-2); regression sets a single identity output with the
/// mean squared error.
public struct PlaygroundModel: Sendable {
    /// The settings this model was built from (the live ones: rate, λ, batch size, speed, too).
    public internal(set) var settings: PlaygroundSettings
    /// Points (2, m) and labels (1, m) of the training and the test set.
    public let train: (points: Matrix<Double>, labels: Matrix<Double>), test: (points: Matrix<Double>, labels: Matrix<Double>)
    /// The features of the points, (n_0, m), and the targets, (n_L, m).
    public let trainX: Matrix<Double>, trainY: Matrix<Double>, testX: Matrix<Double>, testY: Matrix<Double>
    /// The features of the heat maps' grid points: the output's and the neurons'
    /// (``outputGridSize``², ``neuronGridSize``² columns), computed once.
    let outputGridX: Matrix<Double>, neuronGridX: Matrix<Double>
    /// The network being trained.
    public internal(set) var network: Network<Double>
    /// The optimiser's moments and step count.
    var optimizerState: OptimizerState<Double>
    /// Parameter updates done, and full passes over the training set completed.
    public internal(set) var step = 0, epoch = 0
    /// This epoch's mini-batches (column indices of the training set) and the next one.
    var batches: [[Int]] = [], nextBatch = 0

    /// A new model: data drawn and split, network initialised (Xavier, from the seed).
    ///
    /// - Throws: ``PlaygroundError`` for settings outside `limits`.
    public init(settings: PlaygroundSettings, limits: PlaygroundLimits = PlaygroundLimits()) throws(PlaygroundError) {
        try settings.validate(limits)
        self.settings = settings
        let (points, labels) = settings.dataSet.generate(count: settings.points, noise: settings.noise, seed: settings.seed)
        var rng = NumPyRandom(seed: settings.seed &+ 7)
        let order = rng.permutation(points.columns)
        let cut = min(settings.trainingCount, points.columns - 1)
        train = (points.columns(at: order[..<cut]), labels.columns(at: order[..<cut]))
        test = (points.columns(at: order[cut...]), labels.columns(at: order[cut...]))
        do {
            network = try Network<Double>(inputSize: settings.features.count, layers: Self.layers(settings),
                                          loss: settings.dataSet.isClassification ? .categoricalCrossEntropy : .meanSquaredError,
                                          initializer: .xavierNormal, seed: settings.seed)
            trainX = InputFeature.matrix(settings.features, of: train.points)
            testX = InputFeature.matrix(settings.features, of: test.points)
            outputGridX = InputFeature.matrix(settings.features, of: Self.gridPoints(size: Self.outputGridSize))
            neuronGridX = InputFeature.matrix(settings.features, of: Self.gridPoints(size: Self.neuronGridSize))
            trainY = try network.checkedTargets(X: trainX, labels: train.labels)
            testY = try network.checkedTargets(X: testX, labels: test.labels)
        } catch {
            throw PlaygroundError("network: \(error)")
        }
        optimizerState = OptimizerState(optimizer: Optimizer(name: settings.optimizer) ?? .adam(), parameters: network.parameters)
    }

    /// The layers: the hidden ones, then softmax over 2 classes or one identity unit.
    static func layers(_ settings: PlaygroundSettings) -> [LayerSpec] {
        settings.hiddenLayers.map { LayerSpec(units: $0, activation: settings.hiddenActivation) }
            + [settings.dataSet.isClassification ? LayerSpec(units: 2, activation: .softmax) : LayerSpec(units: 1, activation: .identity)]
    }

    /// Replaces the settings that change in place (learning rate, regularisation, batch size,
    /// speed); the next epoch uses the new batch size.
    mutating func update(live settings: PlaygroundSettings) {
        if settings.batchSize != self.settings.batchSize { nextBatch = batches.count }
        self.settings = settings
    }

    /// One training step: the next mini-batch's forward pass, cost gradients (Backprop's
    /// ``Network/backward(output:caches:targets:lambda:numerics:computingInputGradient:)`` with
    /// L2), the L1 term, and the optimiser's update.
    public mutating func trainStep() {
        if nextBatch >= batches.count { beginEpoch() }
        let indices = batches[nextBatch]
        nextBatch += 1
        let X = trainX.columns(at: indices), Y = trainY.columns(at: indices)
        let (output, caches) = network.forward(X)
        var gradients = network.backward(output: output, caches: caches, targets: Y, lambda: settings.l2)
        if settings.l1 > 0 { addL1(to: &gradients, examples: indices.count) }
        optimizerState.update(&network.parameters, gradients: gradients, learningRate: settings.learningRate)
        step += 1
        if nextBatch == batches.count { epoch += 1 }
    }

    /// A new epoch's batches (Backprop's ``miniBatchIndices(examples:batchSize:shuffle:seed:epoch:dropLast:)``).
    mutating func beginEpoch() {
        let m = trainX.columns
        batches = (try? miniBatchIndices(examples: m, batchSize: min(settings.batchSize, m), seed: settings.seed, epoch: epoch)) ?? [Array(0..<m)]
        nextBatch = 0
    }

    /// dW(l) += (λ₁/m) · sign(W(l)): the subgradient of the L1 term (λ₁/m) Σ|W|, biases
    /// excluded (the playground's own; Backprop has L2 only).
    func addL1(to gradients: inout Gradients<Double>, examples m: Int) {
        let factor = settings.l1 / Double(m)
        for l in gradients.layers.indices {
            let sign = network.parameters.layers[l].W.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }
            gradients.layers[l].W.add(sign, scaledBy: factor)
        }
    }

    /// The mean loss (without the regularisation terms) on the training and the test set.
    public func costs() -> (train: Double, test: Double) {
        func cost(_ X: Matrix<Double>, _ Y: Matrix<Double>) -> Double {
            guard X.columns > 0 else { return 0 }
            let (output, caches) = network.forward(X)
            return network.cost(output: output, caches: caches, targets: Y)
        }
        return (cost(trainX, trainY), cost(testX, testY))
    }
}
