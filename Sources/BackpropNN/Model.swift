import BackpropMatrix

/// The forward pass of the course's L-layer network: [LINEAR → RELU] × (L−1) → LINEAR → SIGMOID.
///
/// Course: `L_model_forward(X, parameters)`. The special case of
/// ``modelForward(X:parameters:activations:dropout:)`` with activations [relu…, sigmoid].
///
/// - Shapes: X (n_0, m); parameters W_l (n_l, n_{l-1}), b_l (n_l, 1) → AL (n_L, m).
/// - Returns: AL, the output probabilities, and the L caches, layer 1 first.
@inlinable
public func modelForward<T: MatrixScalar>(
    X: Matrix<T>, parameters: Parameters<T>
) -> (AL: Matrix<T>, caches: [LinearActivationCache<T>]) {
    modelForward(X: X, parameters: parameters, activations: courseActivations(parameters.layerCount))
}

/// The forward pass of any stack of dense layers: for l = 1…L, Z(l) = W(l) · A(l−1) + b(l),
/// A(l) = g_l(Z(l)), then (with dropout) A(l) ← (A(l) ⊙ D(l)) / keep_prob(l).
///
/// ``Network/forward(_:dropout:)`` (evaluation and prediction) runs through this function; the
/// training workspace runs the same layer function on its own buffers
/// (``linearActivationForward(_:_:_:_:z:a:exact:)``).
///
/// - Parameters:
///   - X: the inputs A(0), (n_0, m).
///   - parameters: W(l) (n_l, n_{l-1}), b(l) (n_l, 1).
///   - activations: g_1 … g_L, one per layer.
///   - dropout: `nil`, or one optional mask per layer (entry l−1 for A(l), (n_l, m)).
/// - Returns: A(L), (n_L, m), and the L caches, layer 1 first (each holding its mask).
@inlinable
public func modelForward<T: MatrixScalar>(
    X: Matrix<T>, parameters: Parameters<T>, activations: [Activation], dropout: [DropoutMask<T>?]? = nil
) -> (AL: Matrix<T>, caches: [LinearActivationCache<T>]) {
    precondition(
        activations.count == parameters.layerCount,
        "modelForward: \(activations.count) activations for \(parameters.layerCount) layers")
    precondition(
        dropout == nil || dropout!.count == parameters.layerCount,
        "modelForward: \(dropout?.count ?? 0) dropout entries for \(parameters.layerCount) layers")
    var caches: [LinearActivationCache<T>] = []
    caches.reserveCapacity(parameters.layerCount)
    var A = X
    for (index, layer) in parameters.layers.enumerated() {
        var (next, cache) = linearActivationForward(APrev: A, W: layer.W, b: layer.b, activation: activations[index])
        if let mask = dropout?[index] {
            mask.apply(to: &next)
            cache.dropout = mask
        }
        caches.append(cache)
        A = next
    }
    return (A, caches)
}

/// The backward pass of the course's L-layer network, from the cross-entropy cost.
///
/// Course: `L_model_backward(AL, Y, caches)`: dAL = −(Y / AL − (1 − Y) / (1 − AL)), then
/// SIGMOID backward for layer L and RELU backward for layers L−1 … 1 — through
/// ``modelBackward(dZL:caches:activations:lambda:computingInputGradient:)``.
///
/// - Shapes: AL (1, m), Y (1, m), caches from ``modelForward(X:parameters:)``.
/// - Returns: dW(l), db(l) for l in 1...L and dA(l) for l in 0...L−1.
@inlinable
public func modelBackward<T: MatrixScalar>(
    AL: Matrix<T>, Y: Matrix<T>, caches: [LinearActivationCache<T>]
) -> Gradients<T> {
    precondition(
        AL.rows == Y.rows && AL.columns == Y.columns,
        "modelBackward: AL (\(AL.rows), \(AL.columns)) and Y (\(Y.rows), \(Y.columns)) differ")
    precondition(!caches.isEmpty, "modelBackward: no caches")
    // dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    let dAL = Loss.binaryCrossEntropy.outputGradient(output: AL, targets: Y, numerics: .course)
    let dZL = sigmoidBackward(dA: dAL, cache: caches[caches.count - 1].Z)
    return modelBackward(dZL: dZL, caches: caches, activations: courseActivations(caches.count))
}

/// The backward pass of any stack of dense layers, from the output layer's dZ(L) (see
/// ``Loss/outputDelta(output:preActivation:targets:activation:numerics:)``):
///
///     for l = L…1:  dW(l) = (1/m) dZ(l) A(l−1)ᵀ + (λ/m) W(l),  db(l) = (1/m) Σ_columns dZ(l),
///                   dA(l−1) = W(l)ᵀ dZ(l), then (dropout) dA(l−1) ← (dA(l−1) ⊙ D(l−1)) / keep_prob,
///                   dZ(l−1) = dA(l−1) ⊙ g'_{l−1}(Z(l−1)).
///
/// Course: `L_model_backward` and `backward_propagation_with_regularization` /
/// `backward_propagation_with_dropout`. dA(l) is stored after its dropout mask, as the course does.
///
/// - Parameters:
///   - dZL: dZ(L), (n_L, m).
///   - caches: from ``modelForward(X:parameters:activations:dropout:)``.
///   - activations: g_1 … g_L.
///   - lambda: the L2 strength λ (0: none).
///   - computingInputGradient: whether to compute dA(0) = W(1)ᵀ dZ(1) (training skips it).
/// - Returns: dW(l), db(l) for l in 1...L, and dA(l) for l in 0...L−1 (dA(0) `nil` when skipped).
@inlinable
public func modelBackward<T: MatrixScalar>(
    dZL: Matrix<T>, caches: [LinearActivationCache<T>], activations: [Activation],
    lambda: T = 0, computingInputGradient: Bool = true
) -> Gradients<T> {
    let L = caches.count
    precondition(activations.count == L, "modelBackward: \(activations.count) activations for \(L) caches")
    var layers = [DenseParameters<T>?](repeating: nil, count: L)
    var activationGradients = [Matrix<T>?](repeating: nil, count: L)
    var dZ = dZL
    for l in stride(from: L - 1, through: 0, by: -1) {
        let cache = caches[l]
        let m = cache.linear.A.columns
        var dW = Matrix<T>(rows: 0, columns: 0), db = dW
        var dAPrev: Matrix<T>? = l > 0 || computingInputGradient ? dW : nil
        // (1/m) dZ · Aᵀ, then (lambd/m) * W added, as the course does.
        linearBackward(dZ: dZ, input: LayerInput(cache.linear.A), W: cache.linear.W, scale: 1 / T(m),
                       l2: lambda == 0 ? 0 : lambda / T(m), dW: &dW, db: &db, dAPrev: &dAPrev)
        layers[l] = DenseParameters(W: dW, b: db)
        if l > 0, var dA = dAPrev {
            if let mask = caches[l - 1].dropout { mask.apply(to: &dA) }
            activationGradients[l] = dA
            dZ = activations[l - 1].backward(dA: dA, cache: caches[l - 1].Z)
        } else {
            activationGradients[l] = dAPrev
        }
    }
    return Gradients(layers: layers.map { $0! }, activations: activationGradients)
}

/// The course network's activations for L layers: relu × (L−1), then sigmoid.
@inlinable
public func courseActivations(_ layerCount: Int) -> [Activation] {
    Array(repeating: Activation.relu, count: Swift.max(layerCount - 1, 0)) + (layerCount > 0 ? [.sigmoid] : [])
}
