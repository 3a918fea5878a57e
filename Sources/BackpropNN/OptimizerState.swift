import BackpropMatrix

/// The state of an ``Optimizer`` between steps: the moments v and s of every W(l) and b(l),
/// and Adam's step count t. Checkpoints save it through ``namedTensors`` and ``step`` and
/// restore it with ``init(optimizer:parameters:namedTensors:step:)``.
///
/// Course: `initialize_velocity` (v = 0) and `initialize_adam` (v = s = 0, t = 0).
public struct OptimizerState<Scalar: MatrixScalar>: Sendable, Equatable {
    /// The optimiser this state belongs to.
    public var optimizer: Optimizer
    /// t, the number of updates made (Adam's bias correction uses it).
    public var step: Int
    /// v, the first moments (momentum, Adam), shaped as the parameters; empty otherwise.
    public var firstMoments: [DenseParameters<Scalar>]
    /// s, the second moments (RMSProp, Adam), shaped as the parameters; empty otherwise.
    public var secondMoments: [DenseParameters<Scalar>]

    /// A fresh state: zero moments shaped as `parameters`, t = 0.
    public init(optimizer: Optimizer, parameters: Parameters<Scalar>) {
        self.optimizer = optimizer
        self.step = 0
        let zeros = parameters.layers.map {
            DenseParameters(W: Matrix<Scalar>(rows: $0.W.rows, columns: $0.W.columns), b: Matrix<Scalar>(rows: $0.b.rows, columns: 1))
        }
        firstMoments = optimizer.usesFirstMoment ? zeros : []
        secondMoments = optimizer.usesSecondMoment ? zeros : []
    }

    /// The prefix of this optimiser's tensor names: "momentum", "rmsprop", "adam".
    var namePrefix: String { optimizer.name }

    /// The moments by name, for a checkpoint: "<optimizer>.v.W1", "<optimizer>.v.b1", … for
    /// the first moments and "<optimizer>.s.W1", … for the second (course names v and s), for
    /// example "adam.v.W1", "adam.s.b2", "momentum.v.W3". Empty for gradient descent. The step
    /// count t is ``step``.
    public var namedTensors: [String: Matrix<Scalar>] {
        var result: [String: Matrix<Scalar>] = [:]
        for (moment, values) in [("v", firstMoments), ("s", secondMoments)] {
            for (i, layer) in values.enumerated() {
                result["\(namePrefix).\(moment).W\(i + 1)"] = layer.W
                result["\(namePrefix).\(moment).b\(i + 1)"] = layer.b
            }
        }
        return result
    }

    /// A state restored from ``namedTensors`` and ``step`` of a checkpoint.
    ///
    /// - Parameters:
    ///   - optimizer: the optimiser (its names select the tensors).
    ///   - parameters: the network's parameters (for the shapes).
    ///   - namedTensors: at least the tensors ``namedTensors`` would hold; other names are ignored.
    ///   - step: t ≥ 0.
    /// - Throws: ``NetworkError`` naming a missing tensor, a tensor of the wrong shape, or a
    ///   negative step.
    public init(
        optimizer: Optimizer, parameters: Parameters<Scalar>, namedTensors: [String: Matrix<Scalar>], step: Int
    ) throws(NetworkError) {
        guard step >= 0 else {
            throw NetworkError(argument: "optimizer step", value: "\(step)", expected: "0 or more")
        }
        self.init(optimizer: optimizer, parameters: parameters)
        self.step = step
        func load(_ moment: String, into values: inout [DenseParameters<Scalar>]) throws(NetworkError) {
            for l in values.indices {
                for (kind, shape) in [("W", values[l].W.shape), ("b", values[l].b.shape)] {
                    let name = "\(namePrefix).\(moment).\(kind)\(l + 1)"
                    guard let tensor = namedTensors[name] else {
                        throw NetworkError(argument: name, value: "missing", expected: "the \(optimizer.name) state tensor \(name)")
                    }
                    guard tensor.rows == shape.rows && tensor.columns == shape.columns else {
                        throw NetworkError(argument: name, value: "shape (\(tensor.rows), \(tensor.columns))",
                                           expected: "(\(shape.rows), \(shape.columns))")
                    }
                    if kind == "W" { values[l].W = tensor } else { values[l].b = tensor }
                }
            }
        }
        var first = firstMoments, second = secondMoments
        try load("v", into: &first)
        try load("s", into: &second)
        firstMoments = first
        secondMoments = second
    }

    /// One optimiser step in place (see the table in ``Optimizer``), by the SIMD kernels of
    /// `Matrix/adamStep(firstMoment:secondMoment:gradient:beta1:beta2:correction1:correction2:epsilon:learningRate:)`
    /// and its neighbours: bit-identical to the scalar formulas of `ReferenceKernels`.
    ///
    /// - Parameters:
    ///   - parameters: updated in place.
    ///   - gradients: dW(l), db(l), shaped as the parameters.
    ///   - learningRate: α for this step (after any schedule).
    @inlinable
    public mutating func update(_ parameters: inout Parameters<Scalar>, gradients: Gradients<Scalar>, learningRate: Scalar) {
        update(&parameters, gradients: gradients, learningRate: learningRate, skippingFirstWeights: false)
    }

    /// ``update(_:gradients:learningRate:)``, leaving W(1) alone when `skippingFirstWeights`
    /// (gradient descent and momentum: the ``FirstLayerStrategy/fused`` and
    /// ``FirstLayerStrategy/gram`` first layers update W(1) themselves).
    @inlinable
    mutating func update(
        _ parameters: inout Parameters<Scalar>, gradients: Gradients<Scalar>, learningRate: Scalar, skippingFirstWeights: Bool
    ) {
        precondition(!skippingFirstWeights || optimizer == .gradientDescent || optimizer.usesFirstMoment && !optimizer.usesSecondMoment,
                     "OptimizerState.update: only gradient descent and momentum leave W(1) to the first layer's own update")
        precondition(
            gradients.layers.count == parameters.layers.count,
            "OptimizerState.update: \(gradients.layers.count) gradient layers for \(parameters.layers.count) parameter layers")
        step += 1
        let alpha = learningRate
        switch optimizer {
        case .gradientDescent:
            for l in parameters.layers.indices {
                if l > 0 || !skippingFirstWeights { parameters.layers[l].W.gradientDescentStep(gradient: gradients.layers[l].W, learningRate: alpha) }
                parameters.layers[l].b.gradientDescentStep(gradient: gradients.layers[l].b, learningRate: alpha)
            }
        case .momentum(let beta):
            let beta = Scalar(beta)
            for l in parameters.layers.indices {
                if l > 0 || !skippingFirstWeights {
                    parameters.layers[l].W.momentumStep(velocity: &firstMoments[l].W, gradient: gradients.layers[l].W, beta: beta, learningRate: alpha)
                }
                parameters.layers[l].b.momentumStep(velocity: &firstMoments[l].b, gradient: gradients.layers[l].b, beta: beta, learningRate: alpha)
            }
        case .rmsProp(let beta, let epsilon):
            let beta = Scalar(beta), epsilon = Scalar(epsilon)
            for l in parameters.layers.indices {
                parameters.layers[l].W.rmsPropStep(squares: &secondMoments[l].W, gradient: gradients.layers[l].W,
                                                   beta: beta, epsilon: epsilon, learningRate: alpha)
                parameters.layers[l].b.rmsPropStep(squares: &secondMoments[l].b, gradient: gradients.layers[l].b,
                                                   beta: beta, epsilon: epsilon, learningRate: alpha)
            }
        case .adam(let beta1, let beta2, let epsilon):
            // 1 − βᵗ as the course computes it: (1 - beta1**t), in float64.
            let correction1 = Scalar(1 - Double.pow(beta1, Double(step)))
            let correction2 = Scalar(1 - Double.pow(beta2, Double(step)))
            let b1 = Scalar(beta1), b2 = Scalar(beta2), eps = Scalar(epsilon)
            for l in parameters.layers.indices {
                parameters.layers[l].W.adamStep(
                    firstMoment: &firstMoments[l].W, secondMoment: &secondMoments[l].W, gradient: gradients.layers[l].W,
                    beta1: b1, beta2: b2, correction1: correction1, correction2: correction2, epsilon: eps, learningRate: alpha)
                parameters.layers[l].b.adamStep(
                    firstMoment: &firstMoments[l].b, secondMoment: &secondMoments[l].b, gradient: gradients.layers[l].b,
                    beta1: b1, beta2: b2, correction1: correction1, correction2: correction2, epsilon: eps, learningRate: alpha)
            }
        }
    }
}
