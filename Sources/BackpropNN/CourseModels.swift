import BackpropMatrix

/// The settings of the course's ready-made training loops.
public struct CourseTrainingOptions: Sendable {
    /// The learning rate α (the course uses 0.0075).
    public var learningRate: Double
    /// The number of full-batch gradient-descent iterations (the course uses 2500).
    public var iterations: Int
    /// The NumPy seed for the initial weights (the course uses 1).
    public var seed: UInt32
    /// Record (and report) the cost every this many iterations (the course uses 100).
    public var costInterval: Int

    /// Options with the course's defaults: α = 0.0075, 2500 iterations, seed 1, every 100.
    public init(learningRate: Double = 0.0075, iterations: Int = 2500, seed: UInt32 = 1, costInterval: Int = 100) {
        self.learningRate = learningRate
        self.iterations = iterations
        self.seed = seed
        self.costInterval = costInterval
    }

    /// - Throws: ``NetworkError`` for a learning rate that is not finite and positive, a
    ///   negative iteration count or a cost interval that is not positive.
    public func validate() throws(NetworkError) {
        guard learningRate.isFinite && learningRate > 0 else {
            throw NetworkError(argument: "learningRate", value: "\(learningRate)", expected: "a finite number above 0")
        }
        guard iterations >= 0 else {
            throw NetworkError(argument: "iterations", value: "\(iterations)", expected: "0 or more")
        }
        guard costInterval > 0 else {
            throw NetworkError(argument: "costInterval", value: "\(costInterval)", expected: "1 or more")
        }
    }
}

extension CourseTrainingOptions {
    /// Records the cost of iteration `i` when it is due (every ``costInterval``) and reports it
    /// to `onCost` then and at the last iteration, as the course's loops print it.
    func record<T: MatrixScalar>(_ cost: T, iteration i: Int, in costs: inout [CostRecord<T>], onCost: (CostRecord<T>) -> Void) {
        guard i % costInterval == 0 || i == iterations - 1 else { return }
        let record = CostRecord(iteration: i, cost: cost)
        if i % costInterval == 0 { costs.append(record) }
        onCost(record)
    }
}

/// A cost recorded during training: the iteration it was computed at and its value.
public struct CostRecord<Scalar: MatrixScalar>: Sendable, Equatable {
    /// The iteration, from 0.
    public var iteration: Int
    /// The cost before that iteration's update.
    public var cost: Scalar
}

/// The course's two-layer model, LINEAR → RELU → LINEAR → SIGMOID, trained by full-batch
/// gradient descent on the cross-entropy cost.
///
/// Course: `two_layer_model(X, Y, layers_dims, learning_rate, num_iterations, print_cost)`.
/// Initialisation is ``initializeParameters(nX:nH:nY:seed:as:)`` (W × 0.01) with the seed of
/// `options`; every step is the course's step functions in the course's order.
///
/// - Parameters:
///   - X: the inputs, (n_x, m).
///   - Y: the labels, (1, m), 0 or 1.
///   - layerDims: (n_x, n_h, n_y).
///   - options: learning rate, iterations, seed and cost interval.
///   - onCost: called with every recorded cost (iteration 0, every `costInterval`, and the last).
/// - Returns: the trained parameters and the costs recorded every `costInterval` iterations.
/// - Throws: ``NetworkError`` for bad sizes or options, or when X and Y disagree on m.
public func twoLayerModel<T: MatrixScalar>(
    X: Matrix<T>, Y: Matrix<T>, layerDims: (nX: Int, nH: Int, nY: Int),
    options: CourseTrainingOptions = CourseTrainingOptions(),
    onCost: (CostRecord<T>) -> Void = { _ in }
) throws(NetworkError) -> (parameters: Parameters<T>, costs: [CostRecord<T>]) {
    try options.validate()
    try checkExamples(X: X, Y: Y, inputSize: layerDims.nX)
    var parameters: Parameters<T> = try initializeParameters(
        nX: layerDims.nX, nH: layerDims.nH, nY: layerDims.nY, seed: options.seed)
    let learningRate = T(options.learningRate)
    var costs: [CostRecord<T>] = []
    for i in 0..<options.iterations {
        let (A1, cache1) = linearActivationForward(APrev: X, W: parameters.W(1), b: parameters.b(1), activation: .relu)
        let (A2, cache2) = linearActivationForward(APrev: A1, W: parameters.W(2), b: parameters.b(2), activation: .sigmoid)
        let cost = computeCost(AL: A2, Y: Y)
        let dA2 = Loss.binaryCrossEntropy.outputGradient(output: A2, targets: Y, numerics: .course)
        let (dA1, dW2, db2) = linearActivationBackward(dA: dA2, cache: cache2, activation: .sigmoid)
        let (dA0, dW1, db1) = linearActivationBackward(dA: dA1, cache: cache1, activation: .relu)
        let gradients = Gradients(
            layers: [DenseParameters(W: dW1, b: db1), DenseParameters(W: dW2, b: db2)],
            activations: [dA0, dA1])
        try updateParameters(&parameters, gradients: gradients, learningRate: learningRate)
        options.record(cost, iteration: i, in: &costs, onCost: onCost)
    }
    return (parameters, costs)
}

/// The course's L-layer model, [LINEAR → RELU] × (L−1) → LINEAR → SIGMOID, trained by
/// full-batch gradient descent on the cross-entropy cost.
///
/// Course: `L_layer_model(X, Y, layers_dims, learning_rate, num_iterations, print_cost)`.
/// Initialisation is ``initializeParametersDeep(layerDims:scheme:seed:as:)`` with
/// ``Initializer/normalizedByFanIn`` (randn / √n_{l-1}), as the course's application
/// notebook does; each iteration is ``modelForward(X:parameters:)``, ``computeCost(AL:Y:)``,
/// ``modelBackward(AL:Y:caches:)`` and `updateParameters(_:gradients:learningRate:)`.
///
/// - Parameters:
///   - X: the inputs, (n_0, m).
///   - Y: the labels, (1, m), 0 or 1.
///   - layerDims: [n_0, n_1, …, n_L] with n_L = 1.
///   - scheme: the initialisation (the course's application uses ``Initializer/normalizedByFanIn``).
///   - options: learning rate, iterations, seed and cost interval.
///   - onCost: called with every recorded cost (iteration 0, every `costInterval`, and the last).
/// - Returns: the trained parameters and the costs recorded every `costInterval` iterations.
/// - Throws: ``NetworkError`` for bad sizes or options, or when X and Y disagree on m.
public func lLayerModel<T: MatrixScalar>(
    X: Matrix<T>, Y: Matrix<T>, layerDims: [Int], scheme: Initializer = .normalizedByFanIn,
    options: CourseTrainingOptions = CourseTrainingOptions(),
    onCost: (CostRecord<T>) -> Void = { _ in }
) throws(NetworkError) -> (parameters: Parameters<T>, costs: [CostRecord<T>]) {
    try options.validate()
    try validateLayerDims(layerDims)
    try checkExamples(X: X, Y: Y, inputSize: layerDims[0])
    var parameters: Parameters<T> = try initializeParametersDeep(layerDims: layerDims, scheme: scheme, seed: options.seed)
    let learningRate = T(options.learningRate)
    var costs: [CostRecord<T>] = []
    for i in 0..<options.iterations {
        let (AL, caches) = modelForward(X: X, parameters: parameters)
        let cost = computeCost(AL: AL, Y: Y)
        let gradients = modelBackward(AL: AL, Y: Y, caches: caches)
        try updateParameters(&parameters, gradients: gradients, learningRate: learningRate)
        options.record(cost, iteration: i, in: &costs, onCost: onCost)
    }
    return (parameters, costs)
}

/// Checks that X and Y describe the same examples and that X has `inputSize` features.
///
/// - Throws: ``NetworkError`` naming `X` or `Y` and both shapes.
func checkExamples<T: MatrixScalar>(X: Matrix<T>, Y: Matrix<T>, inputSize: Int) throws(NetworkError) {
    guard X.rows == inputSize else {
        throw NetworkError(argument: "X", value: "shape (\(X.rows), \(X.columns))", expected: "\(inputSize) rows (one feature per row)")
    }
    guard Y.columns == X.columns else {
        throw NetworkError(
            argument: "Y", value: "shape (\(Y.rows), \(Y.columns))",
            expected: "\(X.columns) columns, one label per example of X (\(X.rows), \(X.columns))")
    }
}
