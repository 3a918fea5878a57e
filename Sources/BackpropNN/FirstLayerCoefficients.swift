import BackpropMatrix

/// The first layer's weights in Gram space: W(1) = c·W(1)₀ + R·Xᵀ, with the optimiser's state
/// over (c, R). What a ``FirstLayerStrategy/gram`` run carries between steps and what its
/// checkpoints save (``TrainingState/firstLayer``).
///
/// Full-batch gradient descent and momentum keep W(1) in the span of its start W(1)₀ and the
/// examples (the rows of Xᵀ): the gradient dW(1) = s·dZ(1)·Xᵀ + (λ/m)·W(1) is itself
/// (λ/m)·c·W(1)₀ + (s·dZ(1) + (λ/m)·R)·Xᵀ, so every update is an update of the scalar c and the
/// (n_1, m) matrix R, by the same optimiser code (``OptimizerState``) that updates any layer.
public struct FirstLayerCoefficients<Scalar: MatrixScalar>: Sendable, Equatable {
    /// W(1)₀, (n_1, n_0): W(1) when the Gram run started.
    public var initialWeights: Matrix<Scalar>
    /// Two layers for the optimiser: R as the first's `W`, (n_1, m), and c as the second's `W`,
    /// (1, 1) (their biases stay zero: their gradients are zero).
    public var coefficients: Parameters<Scalar>
    /// The optimiser's state over the coefficients (momentum: its velocity in the same form).
    public var optimizerState: OptimizerState<Scalar>

    /// The start of a run: W(1) = 1·W(1)₀ + 0·Xᵀ, with a fresh optimiser state.
    ///
    /// - Parameters:
    ///   - initialWeights: W(1)₀, (n_1, n_0).
    ///   - m: the number of examples.
    ///   - optimizer: gradient descent or momentum.
    public init(initialWeights: Matrix<Scalar>, examples m: Int, optimizer: Optimizer) {
        self.initialWeights = initialWeights
        coefficients = Self.layers(R: Matrix(rows: initialWeights.rows, columns: m), c: Matrix(rows: 1, columns: 1, repeating: 1))
        optimizerState = OptimizerState(optimizer: optimizer, parameters: coefficients)
    }

    /// Coefficients read back from a checkpoint.
    public init(initialWeights: Matrix<Scalar>, coefficients: Parameters<Scalar>, optimizerState: OptimizerState<Scalar>) {
        self.initialWeights = initialWeights
        self.coefficients = coefficients
        self.optimizerState = optimizerState
    }

    /// R, (n_1, m).
    @inlinable public var R: Matrix<Scalar> { coefficients.layers[0].W }
    /// c.
    @inlinable public var c: Scalar { coefficients.layers[1].W.elements[0] }

    /// R and c as the two layers of ``coefficients``.
    static func layers(R: Matrix<Scalar>, c: Matrix<Scalar>) -> Parameters<Scalar> {
        // Two independent blocks, not a chain of layers: set directly, past the chain check.
        var blocks = Parameters<Scalar>(layers: [])
        blocks.layers = [DenseParameters(W: R, b: Matrix(rows: R.rows, columns: 1)), DenseParameters(W: c, b: Matrix(rows: 1, columns: 1))]
        return blocks
    }

    /// W(1) = c·W(1)₀ + R·Xᵀ, formed (one product of n_1·m·n_0 multiply-adds).
    ///
    /// - Shapes: X (n_0, m) → (n_1, n_0).
    public func weights(input X: Matrix<Scalar>) -> Matrix<Scalar> {
        Self.form(c: c, R: R, initial: initialWeights, input: X)
    }

    /// The optimiser's velocity of W(1) in weight space (momentum), formed like ``weights(input:)``;
    /// `nil` for gradient descent.
    public func velocity(input X: Matrix<Scalar>) -> Matrix<Scalar>? {
        guard optimizerState.firstMoments.count == 2 else { return nil }
        let moments = optimizerState.firstMoments
        return Self.form(c: moments[1].W.elements[0], R: moments[0].W, initial: initialWeights, input: X)
    }

    /// c·W₀ + R·Xᵀ.
    static func form(c: Scalar, R: Matrix<Scalar>, initial W0: Matrix<Scalar>, input X: Matrix<Scalar>) -> Matrix<Scalar> {
        var W = Matrix<Scalar>(rows: 0, columns: 0)
        Matrix.gemm(R, X, transposeB: true, into: &W)
        W.add(W0, scaledBy: c)
        return W
    }

    /// The tensors a checkpoint saves, named "first-layer.W0", "first-layer.R", "first-layer.c"
    /// and, for momentum, "first-layer.momentum.R" and "first-layer.momentum.c".
    public var namedTensors: [String: Matrix<Scalar>] {
        var tensors = ["first-layer.W0": initialWeights, "first-layer.R": R, "first-layer.c": coefficients.layers[1].W]
        if optimizerState.firstMoments.count == 2 {
            tensors["first-layer.momentum.R"] = optimizerState.firstMoments[0].W
            tensors["first-layer.momentum.c"] = optimizerState.firstMoments[1].W
        }
        return tensors
    }

    /// Coefficients read back from ``namedTensors``, or `nil` when the tensors hold none.
    ///
    /// - Throws: ``NetworkError`` for a missing or misshapen tensor.
    public init?(namedTensors tensors: [String: Matrix<Scalar>], optimizer: Optimizer, step: Int, firstLayerShape: (rows: Int, columns: Int)) throws(NetworkError) {
        guard let W0 = tensors["first-layer.W0"] else { return nil }
        func tensor(_ name: String, rows: Int, columns: Int?) throws(NetworkError) -> Matrix<Scalar> {
            guard let value = tensors[name], value.rows == rows, columns.map({ value.columns == $0 }) ?? true else {
                throw NetworkError(argument: name, value: tensors[name].map { "shape (\($0.rows), \($0.columns))" } ?? "missing",
                                   expected: "the first layer's Gram-space coefficients")
            }
            return value
        }
        guard W0.rows == firstLayerShape.rows && W0.columns == firstLayerShape.columns else {
            throw NetworkError(argument: "first-layer.W0", value: "shape (\(W0.rows), \(W0.columns))",
                               expected: "(\(firstLayerShape.rows), \(firstLayerShape.columns)), W(1)'s shape")
        }
        let R = try tensor("first-layer.R", rows: W0.rows, columns: nil)
        let c = try tensor("first-layer.c", rows: 1, columns: 1)
        let coefficients = Self.layers(R: R, c: c)
        var state = OptimizerState(optimizer: optimizer, parameters: coefficients)
        state.step = step
        if optimizer.usesFirstMoment {
            state.firstMoments = Self.layers(R: try tensor("first-layer.momentum.R", rows: R.rows, columns: R.columns),
                                             c: try tensor("first-layer.momentum.c", rows: 1, columns: 1)).layers
        }
        self.init(initialWeights: W0, coefficients: coefficients, optimizerState: state)
    }
}
