import BackpropMatrix

/// What ``linearForward(A:W:b:)`` keeps for the backward pass: its inputs.
///
/// Course: `linear_cache = (A_prev, W, b)`.
public struct LinearCache<Scalar: MatrixScalar>: Sendable {
    /// The input activations A[l−1], (n_{l-1}, m).
    public var A: Matrix<Scalar>
    /// The weights W[l], (n_l, n_{l-1}).
    public var W: Matrix<Scalar>
    /// The bias b[l], (n_l, 1).
    public var b: Matrix<Scalar>

    /// A cache holding A[l−1], W[l] and b[l].
    @inlinable
    public init(A: Matrix<Scalar>, W: Matrix<Scalar>, b: Matrix<Scalar>) {
        self.A = A
        self.W = W
        self.b = b
    }
}

/// The linear part of a layer's forward pass: Z = W · A + b (b added to every column).
///
/// Course: `linear_forward(A, W, b)`.
///
/// - Shapes: A (n_{l-1}, m), W (n_l, n_{l-1}), b (n_l, 1) → Z (n_l, m).
/// - Returns: Z and the cache (A, W, b) for ``linearBackward(dZ:cache:)``.
@inlinable
public func linearForward<T: MatrixScalar>(
    A: Matrix<T>, W: Matrix<T>, b: Matrix<T>
) -> (Z: Matrix<T>, cache: LinearCache<T>) {
    precondition(
        b.rows == W.rows && b.columns == 1,
        "linearForward: W (\(W.rows), \(W.columns)) needs b (\(W.rows), 1), got (\(b.rows), \(b.columns))")
    var Z = W.dot(A)
    Z += b
    return (Z, LinearCache(A: A, W: W, b: b))
}

/// The linear part of a layer's backward pass.
///
/// Course: `linear_backward(dZ, cache)`:
/// dW = (1/m) · dZ · A[l−1]ᵀ, db = (1/m) · Σ_columns dZ, dA[l−1] = Wᵀ · dZ.
///
/// - Shapes: dZ (n_l, m); cache A (n_{l-1}, m), W (n_l, n_{l-1}), b (n_l, 1)
///   → dA_prev (n_{l-1}, m), dW (n_l, n_{l-1}), db (n_l, 1).
@inlinable
public func linearBackward<T: MatrixScalar>(
    dZ: Matrix<T>, cache: LinearCache<T>
) -> (dAPrev: Matrix<T>, dW: Matrix<T>, db: Matrix<T>) {
    let (dAPrev, dW, db) = linearBackward(dZ: dZ, cache: cache, computingInputGradient: true)
    return (dAPrev!, dW, db)
}

/// ``linearBackward(dZ:cache:)`` that skips dA_prev = Wᵀ · dZ when `computingInputGradient`
/// is false (the first layer of a training step: nobody uses dA0).
///
/// - Shapes: as ``linearBackward(dZ:cache:)``; dA_prev is `nil` when not computed.
@inlinable
public func linearBackward<T: MatrixScalar>(
    dZ: Matrix<T>, cache: LinearCache<T>, computingInputGradient: Bool
) -> (dAPrev: Matrix<T>?, dW: Matrix<T>, db: Matrix<T>) {
    let m = T(cache.A.columns)
    precondition(
        dZ.rows == cache.W.rows && dZ.columns == cache.A.columns,
        "linearBackward: dZ (\(dZ.rows), \(dZ.columns)) does not match Z = W (\(cache.W.rows), \(cache.W.columns)) · A (\(cache.A.rows), \(cache.A.columns))")
    // (1/m) · x, not x / m: the course multiplies by 1./m, and so must we to get its bits.
    let inverseM = 1 / m
    var dW = Matrix.product(dZ, cache.A, transposeB: true)
    dW *= inverseM
    var db = dZ.sum(axis: 1)
    db *= inverseM
    let dAPrev = computingInputGradient ? Matrix.product(cache.W, transposeA: true, dZ) : nil
    return (dAPrev, dW, db)
}
