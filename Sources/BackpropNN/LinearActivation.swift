import BackpropMatrix

/// What ``linearActivationForward(APrev:W:b:activation:)`` keeps for the backward pass.
///
/// Course: `cache = (linear_cache, activation_cache)`, where the activation cache is Z.
public struct LinearActivationCache<Scalar: MatrixScalar>: Sendable {
    /// The inputs of the linear part: A[l−1], W[l], b[l].
    public var linear: LinearCache<Scalar>
    /// The pre-activation Z[l], (n_l, m).
    public var Z: Matrix<Scalar>
    /// The inverted-dropout mask applied to this layer's output A[l], if any; the backward pass
    /// applies it to dA[l] before the activation's backward.
    public var dropout: DropoutMask<Scalar>?

    /// A cache of a layer's linear inputs, its pre-activation and its dropout mask (none by default).
    @inlinable
    public init(linear: LinearCache<Scalar>, Z: Matrix<Scalar>, dropout: DropoutMask<Scalar>? = nil) {
        self.linear = linear
        self.Z = Z
        self.dropout = dropout
    }
}

/// One layer's forward pass: Z = W · A_prev + b, then A = g(Z).
///
/// Course: `linear_activation_forward(A_prev, W, b, activation)`.
///
/// - Shapes: A_prev (n_{l-1}, m), W (n_l, n_{l-1}), b (n_l, 1) → A (n_l, m).
/// - Returns: A and the cache for ``linearActivationBackward(dA:cache:activation:)``.
@inlinable
public func linearActivationForward<T: MatrixScalar>(
    APrev: Matrix<T>, W: Matrix<T>, b: Matrix<T>, activation: Activation
) -> (A: Matrix<T>, cache: LinearActivationCache<T>) {
    let (Z, linearCache) = linearForward(A: APrev, W: W, b: b)
    let A = activation.forward(Z)
    return (A, LinearActivationCache(linear: linearCache, Z: Z))
}

/// One layer's backward pass: dZ = dA ⊙ g'(Z), then the linear backward pass.
///
/// Course: `linear_activation_backward(dA, cache, activation)`.
///
/// - Shapes: dA (n_l, m) → dA_prev (n_{l-1}, m), dW (n_l, n_{l-1}), db (n_l, 1).
@inlinable
public func linearActivationBackward<T: MatrixScalar>(
    dA: Matrix<T>, cache: LinearActivationCache<T>, activation: Activation
) -> (dAPrev: Matrix<T>, dW: Matrix<T>, db: Matrix<T>) {
    let dZ = activation.backward(dA: dA, cache: cache.Z)
    return linearBackward(dZ: dZ, cache: cache.linear)
}
