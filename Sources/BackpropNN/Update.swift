import BackpropMatrix

/// One step of gradient descent: W_l ← W_l − α · dW_l and b_l ← b_l − α · db_l for every layer.
///
/// Course: `update_parameters(parameters, grads, learning_rate)`.
///
/// - Parameters:
///   - parameters: the current parameters.
///   - gradients: their gradients, layer for layer the same shapes.
///   - learningRate: α, finite.
/// - Returns: the updated parameters.
/// - Throws: ``NetworkError`` when `learningRate` is not finite.
@inlinable
public func updateParameters<T: MatrixScalar>(
    _ parameters: Parameters<T>, gradients: Gradients<T>, learningRate: T
) throws(NetworkError) -> Parameters<T> {
    var updated = parameters
    try updateParameters(&updated, gradients: gradients, learningRate: learningRate)
    return updated
}

/// Gradient descent in place: W_l −= α · dW_l, b_l −= α · db_l (no allocation).
///
/// - Throws: ``NetworkError`` when `learningRate` is not finite.
@inlinable
public func updateParameters<T: MatrixScalar>(
    _ parameters: inout Parameters<T>, gradients: Gradients<T>, learningRate: T
) throws(NetworkError) {
    guard learningRate.isFinite else {
        throw NetworkError(argument: "learningRate", value: "\(learningRate)", expected: "a finite number")
    }
    precondition(
        gradients.layers.count == parameters.layers.count,
        "updateParameters: \(gradients.layers.count) gradient layers for \(parameters.layers.count) parameter layers")
    for l in parameters.layers.indices {
        parameters.layers[l].W.add(gradients.layers[l].W, scaledBy: -learningRate)
        parameters.layers[l].b.add(gradients.layers[l].b, scaledBy: -learningRate)
    }
}
