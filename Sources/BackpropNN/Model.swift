import BackpropMatrix

/// The forward pass of the course's L-layer network: [LINEAR → RELU] × (L−1) → LINEAR → SIGMOID.
///
/// Course: `L_model_forward(X, parameters)`.
///
/// - Shapes: X (n_0, m); parameters W_l (n_l, n_{l-1}), b_l (n_l, 1) → AL (n_L, m).
/// - Returns: AL, the output probabilities, and the L caches, layer 1 first.
@inlinable
public func modelForward<T: MatrixScalar>(
    X: Matrix<T>, parameters: Parameters<T>
) -> (AL: Matrix<T>, caches: [LinearActivationCache<T>]) {
    var caches: [LinearActivationCache<T>] = []
    caches.reserveCapacity(parameters.layerCount)
    var A = X
    for (index, layer) in parameters.layers.enumerated() {
        let activation: Activation = index == parameters.layerCount - 1 ? .sigmoid : .relu
        let (next, cache) = linearActivationForward(APrev: A, W: layer.W, b: layer.b, activation: activation)
        caches.append(cache)
        A = next
    }
    return (A, caches)
}

/// The backward pass of the course's L-layer network, from the cross-entropy cost.
///
/// Course: `L_model_backward(AL, Y, caches)`: dAL = −(Y / AL − (1 − Y) / (1 − AL)), then
/// SIGMOID backward for layer L and RELU backward for layers L−1 … 1.
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
    let L = caches.count
    var layers = [DenseParameters<T>?](repeating: nil, count: L)
    var activations = [Matrix<T>?](repeating: nil, count: L)
    // dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    var dA = Matrix.combine(Y, AL, "modelBackward") { y, a in -(y / a - (1 - y) / (1 - a)) }
    for l in stride(from: L - 1, through: 0, by: -1) {
        let activation: Activation = l == L - 1 ? .sigmoid : .relu
        let (dAPrev, dW, db) = linearActivationBackward(dA: dA, cache: caches[l], activation: activation)
        layers[l] = DenseParameters(W: dW, b: db)
        activations[l] = dAPrev
        dA = dAPrev
    }
    return Gradients(layers: layers.map { $0! }, activations: activations)
}
