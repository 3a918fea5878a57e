import BackpropMatrix

/// One training step on the workspace's buffers: forward, cost, backward — the same mathematics
/// as ``modelForward(X:parameters:activations:dropout:)``, ``Network/cost(output:caches:targets:lambda:numerics:)``
/// and ``modelBackward(dZL:caches:activations:lambda:computingInputGradient:)``, without one
/// allocation in steady state, dropout included (``drawDropoutMasks(keepProbabilities:using:)``).
///
/// What makes it faster than the reference step:
/// - every buffer is reused (``TrainingWorkspace``), and W(l) is read in place (the reference
///   caches copy-on-write references to it, so the update then copies every W);
/// - bias and activation are one pass after the product (``BackpropMatrix/Matrix/addBias(_:applying:into:)``),
///   activations and their backward forms run on the SIMD kernels;
/// - with ``LossNumerics/stable`` and a fused output pair, dZ(L) = (A(L) − Y) / b in one pass,
///   carrying the 1/b, so dW(l) = dZ(l) A(l−1)ᵀ and db(l) = Σ dZ(l) need no scaling;
/// - dA(0) = W(1)ᵀ dZ(1) is never computed, and dW(1) = dZ(1) · X_bᵀ multiplies by the stored
///   transpose (two non-transposed operands: the fast path of the matrix multiply).
///
/// With ``LossNumerics/course`` every value is computed with the course's arithmetic (the exact
/// sigmoid 1/(1 + e^(−z)), dA(L) → sigmoid backward, (1/m) · x), so a course network gives the
/// reference step's results bit for bit. With ``LossNumerics/stable`` results agree with the
/// reference step to rounding (single-precision sigmoid uses the kernels' SIMD exp, ≤ 2 ulp).
extension TrainingWorkspace {
    /// Forward pass, cost and gradients for the batch in ``inputBatch`` / ``inputTransposed`` /
    /// ``targetBatch``; the gradients land in ``gradients``. With an empty ``inputTransposed``,
    /// dW(1) reads X_b by stride (dZ(1) · X_bᵀ with a transposed operand; same bits).
    ///
    /// - Parameters:
    ///   - parameters: W(l) (n_l, n_{l-1}), b(l) (n_l, 1).
    ///   - activations: g_1 … g_L.
    ///   - loss: the loss.
    ///   - lambda: the L2 strength λ ≥ 0.
    ///   - numerics: stable or the course's formulas (see ``Loss``).
    /// - Returns: the cost of the batch before any update, L2 term included.
    /// - Precondition: the shapes fit: X_b (n_0, b), X_bᵀ (b, n_0), Y_b (n_L, b).
    @inlinable
    public mutating func step(
        parameters: Parameters<Scalar>, activations g: [Activation], loss: Loss,
        lambda: Scalar = 0, numerics: LossNumerics = .stable
    ) -> Scalar {
        let L = layerCount
        precondition(parameters.layerCount == L && g.count == L,
                     "TrainingWorkspace.step: \(parameters.layerCount) layers and \(g.count) activations for a workspace of \(L)")
        let b = inputBatch.columns
        precondition(inputTransposed.isEmpty || (inputTransposed.rows == b && inputTransposed.columns == inputBatch.rows),
                     "TrainingWorkspace.step: X_bᵀ (\(inputTransposed.rows), \(inputTransposed.columns)) is not the transpose of X_b (\(inputBatch.rows), \(b))")
        precondition(targetBatch.rows == parameters.layers[L - 1].outputCount && targetBatch.columns == b,
                     "TrainingWorkspace.step: Y_b (\(targetBatch.rows), \(targetBatch.columns)) does not fit the output (\(parameters.layers[L - 1].outputCount), \(b))")
        let exact = numerics == .course
        forward(parameters: parameters, activations: g, exact: exact)
        let cost = batchCost(parameters: parameters, outputActivation: g[L - 1], loss: loss, lambda: lambda, numerics: numerics)
        backward(parameters: parameters, activations: g, loss: loss, lambda: lambda, numerics: numerics)
        return cost
    }

    /// Z(l) = W(l) A(l−1) + b(l), A(l) = g_l(Z(l)) for l = 1…L, with A(0) = X_b; then, where
    /// ``dropout`` holds a mask, A(l) ← (A(l) ⊙ D(l)) / keep_prob. W(1) X_b is taken as it
    /// stands in Z(1) when ``firstProductIsCurrent``.
    @inlinable
    mutating func forward(parameters: Parameters<Scalar>, activations g: [Activation], exact: Bool) {
        let X = inputBatch
        for l in 0..<layerCount {
            let layer = parameters.layers[l]
            let input = l == 0 ? X : activations[l - 1]
            if l > 0 || !firstProductIsCurrent { Matrix.gemm(layer.W, input, into: &preActivations[l]) }
            switch g[l] {
            case .relu: preActivations[l].addBias(layer.b, applying: .relu, into: &activations[l])
            case .tanh: preActivations[l].addBias(layer.b, applying: .tanh, into: &activations[l])
            case .identity: preActivations[l].addBias(layer.b, applying: .identity, into: &activations[l])
            case .sigmoid where !exact: preActivations[l].addBias(layer.b, applying: .sigmoid, into: &activations[l])
            default:
                preActivations[l].addBias(layer.b, applying: .identity, into: &activations[l])
                Self.activateInPlace(g[l], &activations[l])
            }
            // Inverted dropout: A(l) ← (A(l) ⊙ D(l)) / keep_prob, as modelForward applies it.
            if let mask = dropout[l] { mask.apply(to: &activations[l]) }
        }
        firstProductIsCurrent = false
    }

    /// A ← g(A) for the activations without a kernel (or, for sigmoid, the course's exact
    /// formula): the reference functions' arithmetic, in place.
    @inlinable
    static func activateInPlace(_ activation: Activation, _ A: inout Matrix<Scalar>) {
        let n = A.rows, m = A.columns
        A.withUnsafeMutableBufferPointer { a in
            switch activation {
            case .sigmoid: for i in a.indices { a[i] = 1 / (1 + Scalar.exp(-a[i])) }
            case .relu: for i in a.indices where a[i] < 0 { a[i] = 0 }
            case .tanh: for i in a.indices { a[i] = Scalar.tanh(a[i]) }
            case .leakyRelu(let slope):
                let s = Scalar(slope)
                for i in a.indices where !(a[i] > 0) { a[i] = s * a[i] }
            case .softmax:
                softmaxColumnsInPlace(a, rows: n, columns: m)
            case .identity: break
            }
        }
    }

    /// The cost of the forward pass just run: the loss plus the L2 term.
    @inlinable
    func batchCost(
        parameters: Parameters<Scalar>, outputActivation gL: Activation, loss: Loss, lambda: Scalar, numerics: LossNumerics
    ) -> Scalar {
        let A = activations[layerCount - 1], Z = preActivations[layerCount - 1], Y = targetBatch
        let J: Scalar
        if loss == .categoricalCrossEntropy && numerics == .stable && gL == .softmax {
            J = Self.softmaxCrossEntropy(Z, Y)
        } else {
            J = loss.cost(output: A, preActivation: Z, targets: Y, activation: gL, numerics: numerics)
        }
        return J + l2RegularizationCost(parameters: parameters, lambda: lambda, examples: A.columns)
    }

    /// −(1/m) Σ y · log-softmax(z), the arithmetic of ``Loss/cost(output:preActivation:targets:activation:numerics:)``
    /// without the log-softmax matrix.
    @inlinable
    static func softmaxCrossEntropy(_ Z: Matrix<Scalar>, _ Y: Matrix<Scalar>) -> Scalar {
        let n = Z.rows, m = Z.columns
        var total: Scalar = 0
        Z.withUnsafeBufferPointer { z in
            Y.withUnsafeBufferPointer { y in
                for c in 0..<m {
                    var largest = -Scalar.infinity
                    for r in 0..<n { largest = Swift.max(largest, z[r * m + c]) }
                    if !largest.isFinite { largest = largest.isNaN ? largest : 0 }
                    var sum: Scalar = 0
                    for r in 0..<n { sum += Scalar.exp(z[r * m + c] - largest) }
                    let logTotal = Scalar.log(sum) + largest
                    for r in 0..<n where y[r * m + c] != 0 { total += y[r * m + c] * (z[r * m + c] - logTotal) }
                }
            }
        }
        return (1 / Scalar(m)) * (-total)
    }
}
