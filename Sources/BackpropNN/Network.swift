import BackpropMatrix

/// A fully connected network: its ``NetworkArchitecture`` (input size, layers with their
/// activations, loss) and its ``Parameters``.
///
/// Built from the course's step functions, not beside them: ``forward(_:dropout:)`` (used to
/// evaluate and predict) is ``modelForward(X:parameters:activations:dropout:)`` and
/// ``backward(output:caches:targets:lambda:numerics:computingInputGradient:)`` is
/// ``Loss/outputDelta(output:preActivation:targets:activation:numerics:)`` followed by
/// ``modelBackward(dZL:caches:activations:lambda:computingInputGradient:)``; training
/// (``train(X:labels:validation:options:resumingFrom:reducer:observer:)``, a ``TrainingLoop``) runs the
/// same layer functions on reused buffers (``TrainingWorkspace``). The course's L-layer network
/// is `NetworkArchitecture.course(layerDims:)`; with ``LossNumerics/course`` it gives the
/// course's numbers bit for bit.
///
/// ```swift
/// var network = try Network<Float>(inputSize: 2, layers: [
///     LayerSpec(units: 16, activation: .relu), LayerSpec(units: 3, activation: .softmax),
/// ], loss: .categoricalCrossEntropy, initializer: .he, seed: 1)
/// let (output, caches) = network.forward(X)          // X (2, m) → output (3, m)
/// ```
public struct Network<Scalar: MatrixScalar>: Sendable, Equatable {
    /// The input size, the layers and the loss.
    public private(set) var architecture: NetworkArchitecture
    /// W(l) (n_l, n_{l-1}) and b(l) (n_l, 1) for l = 1…L. Setting it keeps the layer shapes
    /// (a precondition prints both shapes otherwise).
    public var parameters: Parameters<Scalar> {
        didSet {
            precondition(
                parameters.layerDims == architecture.layerDims,
                "Network: parameters of sizes \(parameters.layerDims) do not fit the architecture \(architecture.layerDims)")
        }
    }

    /// A new network with parameters drawn by `initializer`.
    ///
    /// - Parameters:
    ///   - inputSize: n_0, the number of features of one example.
    ///   - layers: the layers 1…L.
    ///   - loss: the loss.
    ///   - initializer: how the weights are drawn (biases start at 0).
    ///   - seed: the NumPy seed of the initializer.
    /// - Throws: ``NetworkError`` for an invalid architecture (see ``NetworkArchitecture/validate()``).
    public init(
        inputSize: Int, layers: [LayerSpec], loss: Loss, initializer: Initializer = .he, seed: UInt32 = 1
    ) throws(NetworkError) {
        let architecture = NetworkArchitecture(inputSize: inputSize, layers: layers, loss: loss)
        try architecture.validate()
        self.architecture = architecture
        self.parameters = try initializer.parameters(layerDims: architecture.layerDims, seed: seed)
    }

    /// A network from a saved architecture and its parameters (for loading a model file).
    ///
    /// - Throws: ``NetworkError`` for an invalid architecture, or when a W(l) or b(l) does not
    ///   have the shape the architecture gives it (naming `W3` or `b3` and both shapes).
    public init(architecture: NetworkArchitecture, parameters: Parameters<Scalar>) throws(NetworkError) {
        try architecture.validate()
        guard parameters.layerCount == architecture.layers.count else {
            throw NetworkError(argument: "parameters", value: "\(parameters.layerCount) layers",
                               expected: "\(architecture.layers.count) layers, as the architecture has")
        }
        let dims = architecture.layerDims
        for l in 1...parameters.layerCount {
            let layer = parameters[layer: l]
            guard layer.W.rows == dims[l] && layer.W.columns == dims[l - 1] else {
                throw NetworkError(argument: "W\(l)", value: "shape (\(layer.W.rows), \(layer.W.columns))",
                                   expected: "(\(dims[l]), \(dims[l - 1]))")
            }
            guard layer.b.rows == dims[l] && layer.b.columns == 1 else {
                throw NetworkError(argument: "b\(l)", value: "shape (\(layer.b.rows), \(layer.b.columns))",
                                   expected: "(\(dims[l]), 1)")
            }
        }
        self.architecture = architecture
        self.parameters = parameters
    }

    /// The activations of layers 1…L.
    @inlinable public var activations: [Activation] { architecture.activations }
    /// The loss.
    @inlinable public var loss: Loss { architecture.loss }
    /// L, the number of layers.
    @inlinable public var layerCount: Int { architecture.layers.count }
    /// n_L, the number of outputs.
    @inlinable public var outputCount: Int { architecture.outputCount }

    /// The forward pass: Z(l) = W(l) A(l−1) + b(l), A(l) = g_l(Z(l)) for l = 1…L, with optional
    /// inverted dropout after each layer.
    ///
    /// - Parameters:
    ///   - X: (n_0, m).
    ///   - dropout: `nil`, or one optional mask per layer (entry l−1 masks A(l), (n_l, m)); see
    ///     ``dropoutMasks(keepProbabilities:examples:using:)``.
    /// - Returns: the output A(L) (n_L, m) and the caches for ``backward(output:caches:targets:lambda:numerics:computingInputGradient:)``.
    @inlinable
    public func forward(_ X: Matrix<Scalar>, dropout: [DropoutMask<Scalar>?]? = nil) -> (output: Matrix<Scalar>, caches: [LinearActivationCache<Scalar>]) {
        precondition(X.rows == architecture.inputSize, "Network.forward: X (\(X.rows), \(X.columns)) needs \(architecture.inputSize) rows")
        let (AL, caches) = modelForward(X: X, parameters: parameters, activations: activations, dropout: dropout)
        return (AL, caches)
    }

    /// The backward pass: dZ(L) from the loss (fused where ``Loss/fuses(with:)``), then every
    /// layer's gradients, with the L2 term (λ/m) W(l) added to dW(l).
    ///
    /// - Parameters:
    ///   - output: A(L) from ``forward(_:dropout:)``, (n_L, m).
    ///   - caches: the caches from the same forward pass.
    ///   - targets: Y, (n_L, m) — convert labels with ``Loss/targets(from:outputCount:argument:)``.
    ///   - lambda: L2 strength λ ≥ 0 (0: none).
    ///   - numerics: ``LossNumerics/stable`` (default) or the course's formulas.
    ///   - computingInputGradient: whether to compute dA(0) (the gradient with respect to X).
    /// - Returns: dW(l) (n_l, n_{l-1}), db(l) (n_l, 1) for l = 1…L, and dA(l) for l = 0…L−1.
    @inlinable
    public func backward(
        output: Matrix<Scalar>, caches: [LinearActivationCache<Scalar>], targets: Matrix<Scalar>,
        lambda: Scalar = 0, numerics: LossNumerics = .stable, computingInputGradient: Bool = false
    ) -> Gradients<Scalar> {
        precondition(caches.count == layerCount, "Network.backward: \(caches.count) caches for \(layerCount) layers")
        let dZL = loss.outputDelta(
            output: output, preActivation: caches[layerCount - 1].Z, targets: targets,
            activation: activations[layerCount - 1], numerics: numerics)
        return modelBackward(dZL: dZL, caches: caches, activations: activations, lambda: lambda,
                             computingInputGradient: computingInputGradient)
    }

    /// The cost of a forward pass: the loss (see ``Loss``) plus (1/m)(λ/2) Σ‖W(l)‖².
    ///
    /// - Parameters:
    ///   - output: A(L), (n_L, m).
    ///   - caches: the caches of the same forward pass (the stable formulations read Z(L)).
    ///   - targets: Y, (n_L, m).
    ///   - lambda: L2 strength λ ≥ 0.
    ///   - numerics: stable (default) or the course's formulas.
    @inlinable
    public func cost(
        output: Matrix<Scalar>, caches: [LinearActivationCache<Scalar>], targets: Matrix<Scalar>,
        lambda: Scalar = 0, numerics: LossNumerics = .stable
    ) -> Scalar {
        let J = loss.cost(output: output, preActivation: caches.last?.Z, targets: targets,
                          activation: activations[layerCount - 1], numerics: numerics)
        return J + l2RegularizationCost(parameters: parameters, lambda: lambda, examples: output.columns)
    }

    /// The cost of the network on (X, labels), without dropout.
    ///
    /// - Shapes: X (n_0, m); labels as ``Loss/targets(from:outputCount:argument:)`` takes them.
    /// - Throws: ``NetworkError`` when the labels do not fit the loss or X and labels disagree on m.
    public func cost(
        X: Matrix<Scalar>, labels: Matrix<Scalar>, lambda: Scalar = 0, numerics: LossNumerics = .stable
    ) throws(NetworkError) -> Scalar {
        let Y = try checkedTargets(X: X, labels: labels)
        let (output, caches) = forward(X)
        return cost(output: output, caches: caches, targets: Y, lambda: lambda, numerics: numerics)
    }

    /// The predicted class of each example: for one output, 1 where A(L) > 0.5 else 0 (the
    /// course's `predict`); for several, the row of the largest output (`np.argmax(AL, axis=0)`).
    ///
    /// - Shapes: X (n_0, m) → m classes.
    @inlinable
    public func predictClasses(_ X: Matrix<Scalar>) -> [Int] {
        Self.classes(fromOutput: predictProbabilities(X))
    }

    /// Classes from outputs as ``predictClasses(_:)`` decides them.
    @inlinable
    public static func classes(fromOutput output: Matrix<Scalar>) -> [Int] {
        if output.rows == 1 { return output.elements.map { $0 > 0.5 ? 1 : 0 } }
        return output.argmaxOfColumns()
    }

    /// Checks that X has n_0 rows and that labels fit the loss and X's m, and returns the targets.
    ///
    /// - Throws: ``NetworkError`` naming `X` or `labelsArgument`.
    public func checkedTargets(
        X: Matrix<Scalar>, labels: Matrix<Scalar>, labelsArgument: String = "Y"
    ) throws(NetworkError) -> Matrix<Scalar> {
        try checkedTargets(inputRows: X.rows, examples: X.columns, labels: labels, labelsArgument: labelsArgument)
    }

    /// ``checkedTargets(X:labels:labelsArgument:)`` for inputs of shape (`inputRows`, `examples`)
    /// that are not in memory (streamed).
    func checkedTargets(inputRows: Int, examples m: Int, labels: Matrix<Scalar>, labelsArgument: String = "Y") throws(NetworkError) -> Matrix<Scalar> {
        guard inputRows == architecture.inputSize else {
            throw NetworkError(argument: "X", value: "shape (\(inputRows), \(m))",
                               expected: "\(architecture.inputSize) rows (one feature per row), as the network's input size")
        }
        guard labels.columns == m else {
            throw NetworkError(argument: labelsArgument, value: "shape (\(labels.rows), \(labels.columns))",
                               expected: "\(m) columns, one label per example of X (\(inputRows), \(m))")
        }
        return try loss.targets(from: labels, outputCount: outputCount, argument: labelsArgument)
    }

    /// Fresh random dropout masks for a forward pass on m examples: one mask for each layer
    /// whose keep probability is below 1, none (`nil`) for the others.
    ///
    /// - Parameters:
    ///   - keepProbabilities: one per layer (1…L), each in (0, 1]; the output layer's is usually 1.
    ///   - m: the number of examples (columns).
    ///   - generator: the seeded generator the masks are drawn from, layer by layer, row by row.
    @inlinable
    public func dropoutMasks(
        keepProbabilities: [Double], examples m: Int, using generator: inout SeededGenerator
    ) -> [DropoutMask<Scalar>?] {
        precondition(keepProbabilities.count == layerCount, "Network.dropoutMasks: \(keepProbabilities.count) keep probabilities for \(layerCount) layers")
        return keepProbabilities.enumerated().map { l, keep in
            keep >= 1 ? nil : DropoutMask.random(rows: architecture.layers[l].units, columns: m, keepProbability: keep, using: &generator)
        }
    }
}
