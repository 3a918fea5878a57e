import BackpropMatrix

/// One training step on the workspace's buffers: forward, cost, backward — the layer functions
/// of the course API (``linearActivationForward(_:_:_:_:z:a:exact:)``,
/// ``linearBackward(dZ:input:W:scale:l2:dW:db:dAPrev:)``, ``Activation/backward(dA:cache:into:exact:)``,
/// ``Loss/outputDelta(output:preActivation:targets:activation:numerics:scale:into:gradient:)``)
/// run on reused storage, so that a step allocates nothing in steady state, dropout included
/// (``drawDropoutMasks(keepProbabilities:using:)``).
///
/// What makes it faster than the reference step:
/// - every buffer is reused (``TrainingWorkspace``), and W(l) is read in place (the reference
///   caches copy-on-write references to it, so the update then copies every W);
/// - bias and activation are one pass after the product (``addBiasAndActivate(_:_:_:into:exact:)``),
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
    /// ``targetBatch``; the gradients land in ``gradients`` (dW(1) only where ``firstLayer``
    /// computes it in the backward pass). With an empty ``inputTransposed``, dW(1) reads X_b by
    /// stride (dZ(1) · X_bᵀ with a transposed operand; same bits).
    ///
    /// - Parameters:
    ///   - parameters: W(l) (n_l, n_{l-1}), b(l) (n_l, 1).
    ///   - g: the activations g_1 … g_L (argument label `activations:`).
    ///   - loss: the loss.
    ///   - lambda: the L2 strength λ ≥ 0.
    ///   - numerics: stable or the course's formulas (see ``Loss``).
    /// - Returns: the cost of the batch before any update, L2 term included (with
    ///   ``meanExamples`` b: (m/b) · the loss of its m examples + λ/(2b) Σ‖W‖²).
    /// - Precondition: the shapes fit: X_b (n_0, b), X_bᵀ (b, n_0), Y_b (n_L, b).
    @inlinable
    public mutating func step(
        parameters: Parameters<Scalar>, activations g: [Activation], loss: Loss,
        lambda: Scalar = 0, numerics: LossNumerics = .stable
    ) -> Scalar {
        let L = layerCount
        precondition(parameters.layerCount == L && g.count == L,
                     "TrainingWorkspace.step: \(parameters.layerCount) layers and \(g.count) activations for a workspace of \(L)")
        precondition(targetBatch.rows == parameters.layers[L - 1].outputCount && targetBatch.columns == inputBatch.columns,
                     "TrainingWorkspace.step: Y_b (\(targetBatch.rows), \(targetBatch.columns)) does not fit the output (\(parameters.layers[L - 1].outputCount), \(inputBatch.columns))")
        let exact = numerics == .course
        forward(parameters: parameters, activations: g, exact: exact)
        let cost = loss.cost(output: activations[L - 1], preActivation: preActivations[L - 1], targets: targetBatch,
                             activation: g[L - 1], numerics: numerics) * (Scalar(inputBatch.columns) / Scalar(divisor))
            + l2Cost(parameters: parameters, lambda: lambda)
        backward(parameters: parameters, activations: g, loss: loss, lambda: lambda, numerics: numerics)
        return cost
    }

    /// The L2 term of the cost, with ‖W(1)‖² as ``firstLayer`` knows it.
    @inlinable
    func l2Cost(parameters: Parameters<Scalar>, lambda: Scalar) -> Scalar {
        guard lambda != 0 else { return 0 }
        let norms = parameters.layers.indices.map { l in
            l == 0 ? firstLayer.squaredNorm(of: parameters.layers[0].W) : sumOfSquares(parameters.layers[l].W)
        }
        return l2RegularizationCost(squaredNorms: norms, lambda: lambda, examples: divisor)
    }

    /// b, what the batch's means divide by: ``meanExamples``, or X_b's columns.
    @inlinable
    var divisor: Int { meanExamples ?? inputBatch.columns }

    /// X_b with its stored transpose when there is one: layer 1's input.
    @inlinable
    public var input: LayerInput<Scalar> {
        LayerInput(inputBatch, transposed: inputTransposed.isEmpty ? nil : inputTransposed)
    }

    /// Z(l) = W(l) A(l−1) + b(l), A(l) = g_l(Z(l)) for l = 1…L, with A(0) = X_b (W(1) X_b from
    /// ``firstLayer``); then, where ``dropout`` holds a mask, A(l) ← (A(l) ⊙ D(l)) / keep_prob.
    @inlinable
    mutating func forward(parameters: Parameters<Scalar>, activations g: [Activation], exact: Bool) {
        for l in 0..<layerCount {
            let layer = parameters.layers[l]
            if l == 0 {
                firstLayer.product(weights: layer.W, input: inputBatch, into: &preActivations[0])
                addBiasAndActivate(&preActivations[0], layer.b, g[0], into: &activations[0], exact: exact)
            } else {
                linearActivationForward(activations[l - 1], layer.W, layer.b, g[l],
                                        z: &preActivations[l], a: &activations[l], exact: exact)
            }
            // Inverted dropout: A(l) ← (A(l) ⊙ D(l)) / keep_prob, as modelForward applies it.
            if let mask = dropout[l] { mask.apply(to: &activations[l]) }
        }
    }

    /// The backward pass of ``step(parameters:activations:loss:lambda:numerics:)``, into
    /// ``deltas``, ``upstream`` and ``gradients``:
    ///
    ///     dZ(L) from the loss;  for l = L…1:  dW(l) = (1/b) dZ(l) A(l−1)ᵀ + (λ/b) W(l),
    ///     db(l) = (1/b) Σ_columns dZ(l),  dA(l−1) = W(l)ᵀ dZ(l) (⊙ D(l−1) / keep_prob with
    ///     dropout),  dZ(l−1) = dA(l−1) ⊙ g'(Z(l−1))
    ///
    /// with no dA(0), and dW(1) as ``firstLayer`` computes it.
    @inlinable
    mutating func backward(
        parameters: Parameters<Scalar>, activations g: [Activation], loss: Loss, lambda: Scalar, numerics: LossNumerics
    ) {
        let L = layerCount
        let b = Scalar(divisor)
        let exact = numerics == .course
        loss.outputDelta(output: activations[L - 1], preActivation: preActivations[L - 1], targets: targetBatch,
                         activation: g[L - 1], numerics: numerics, scale: 1 / b, into: &deltas[L - 1], gradient: &outputGradient)
        // (1/b) · x, as the course multiplies, unless dZ(L) carries it.
        let scale: Scalar? = loss.scalesOutputDelta(activation: g[L - 1], numerics: numerics) ? nil : 1 / b
        let l2 = lambda == 0 ? 0 : lambda / b
        for l in stride(from: L - 1, through: 1, by: -1) {
            let W = parameters.layers[l].W
            linearWeightGradient(dZ: deltas[l], input: LayerInput(activations[l - 1]), W: W, scale: scale, l2: l2,
                                 into: &gradients.layers[l].W)
            linearBiasGradient(dZ: deltas[l], scale: scale, into: &gradients.layers[l].b)
            linearInputGradient(dZ: deltas[l], W: W, into: &upstream[l - 1])
            // Dropout: dA(l−1) ← (dA(l−1) ⊙ D(l−1)) / keep_prob, as modelBackward applies it.
            if let mask = dropout[l - 1] { mask.apply(to: &upstream[l - 1]) }
            g[l - 1].backward(dA: upstream[l - 1], cache: preActivations[l - 1], into: &deltas[l - 1], exact: exact)
        }
        linearBiasGradient(dZ: deltas[0], scale: scale, into: &gradients.layers[0].b)
        firstLayer.weightGradient(dZ: deltas[0], input: input, W: parameters.layers[0].W, scale: scale, l2: l2,
                                  into: &gradients.layers[0].W)
    }

    /// The first layer (1…L) whose Z or A holds a NaN or an infinity, else (L, "cost") — what
    /// ``TrainingError/nonFinite(iteration:epoch:layer:quantity:)`` reports.
    func firstNonFiniteForward() -> (layer: Int, quantity: String) {
        for l in 0..<layerCount {
            if !preActivations[l].isFinite { return (l + 1, "Z") }
            if !activations[l].isFinite { return (l + 1, "A") }
        }
        return (layerCount, "cost")
    }

    /// The first layer (1…L) whose dW or db holds a NaN or an infinity, or `nil`; dW(1) is
    /// judged by `firstWeightsFinite`, ``FirstLayer``'s answer (``FirstLayer/finishBackward(weights:gradient:deltas:input:gradientScale:l2:learningRate:computingNext:)``),
    /// and gradients of at least `finiteFrom` values are known to be finite (summed by a reducer
    /// that counted every NaN and infinity: ``TrainingLoop``).
    func firstNonFiniteGradient(firstWeightsFinite: Bool, finiteFrom: Int = .max) -> (layer: Int, quantity: String)? {
        for (l, layer) in gradients.layers.enumerated() {
            if !(l == 0 ? firstWeightsFinite : layer.W.count >= finiteFrom || layer.W.isFinite) { return (l + 1, "dW") }
            if !(layer.b.count >= finiteFrom || layer.b.isFinite) { return (l + 1, "db") }
        }
        return nil
    }
}
