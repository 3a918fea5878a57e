import BackpropMatrix

/// The L2 regularisation term of the cost: (1/m) · (λ/2) · Σ_l Σ W(l)², biases excluded.
///
/// Course: `L2_regularization_cost = (1/m)*(lambd/2)*(np.sum(np.square(W1)) + ...)` in
/// `compute_cost_with_regularization`. Its gradient, (λ/m) · W(l), is added to dW(l) by the
/// backward pass (``modelBackward(dZL:caches:activations:lambda:computingInputGradient:)``).
///
/// - Parameters:
///   - parameters: the weights W(l), (n_l, n_{l-1}).
///   - lambda: λ ≥ 0.
///   - m: the number of examples the cost is averaged over (argument label `examples:`).
@inlinable
public func l2RegularizationCost<T: MatrixScalar>(parameters: Parameters<T>, lambda: T, examples m: Int) -> T {
    guard lambda != 0 else { return 0 }
    return l2RegularizationCost(squaredNorms: parameters.layers.map { sumOfSquares($0.W) }, lambda: lambda, examples: m)
}

/// The L2 term from the squared norms ‖W(l)‖² of the layers: (1/m) · (λ/2) · Σ_l ‖W(l)‖² (for a
/// first layer whose norm is known without its weights, ``FirstLayerCoefficients``).
@inlinable
public func l2RegularizationCost<T: MatrixScalar>(squaredNorms: [T], lambda: T, examples m: Int) -> T {
    guard lambda != 0 else { return 0 }
    var total: T = 0
    for squares in squaredNorms { total += squares }
    return (1 / T(m)) * (lambda / 2) * total
}

/// Σ w² over the elements of W, in order.
@inlinable
func sumOfSquares<T: MatrixScalar>(_ W: Matrix<T>) -> T {
    var squares: T = 0
    for w in W.elements { squares += w * w }
    return squares
}
