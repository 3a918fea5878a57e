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
/// Course: `linear_activation_forward(A_prev, W, b, activation)`. Allocates Z and A; see
/// ``linearActivationForward(_:_:_:_:z:a:exact:)`` for the form that writes into buffers.
///
/// - Shapes: A_prev (n_{l-1}, m), W (n_l, n_{l-1}), b (n_l, 1) → A (n_l, m).
/// - Returns: A and the cache for ``linearActivationBackward(dA:cache:activation:)``.
@inlinable
public func linearActivationForward<T: MatrixScalar>(
    APrev: Matrix<T>, W: Matrix<T>, b: Matrix<T>, activation: Activation
) -> (A: Matrix<T>, cache: LinearActivationCache<T>) {
    var Z = Matrix<T>(rows: 0, columns: 0), A = Matrix<T>(rows: 0, columns: 0)
    linearActivationForward(APrev, W, b, activation, z: &Z, a: &A, exact: true)
    return (A, LinearActivationCache(linear: LinearCache(A: APrev, W: W, b: b), Z: Z))
}

/// One layer's forward pass into given buffers (resized, storage reused): Z = W · A_prev + b,
/// A = g(Z). The one implementation behind ``linearForward(A:W:b:)``,
/// ``linearActivationForward(APrev:W:b:activation:)`` and the training workspace.
///
/// - Parameters:
///   - APrev: (n_{l-1}, b).
///   - W: (n_l, n_{l-1}).
///   - b: (n_l, 1).
///   - g: the activation.
///   - Z: the pre-activation, (n_l, b).
///   - A: the activation, (n_l, b).
///   - exact: whether to keep the course's arithmetic (see ``Activation/kernel(exact:)``).
@inlinable
public func linearActivationForward<T: MatrixScalar>(
    _ APrev: Matrix<T>, _ W: Matrix<T>, _ b: Matrix<T>, _ g: Activation,
    z Z: inout Matrix<T>, a A: inout Matrix<T>, exact: Bool
) {
    Matrix.gemm(W, APrev, into: &Z)
    addBiasAndActivate(&Z, b, g, into: &A, exact: exact)
}

/// The part of a layer's forward pass after the product: Z ← Z + b (b added to every column),
/// A = g(Z), in one pass where the activation has a kernel.
///
/// - Shapes: Z (n_l, b) holding W · A_prev on entry, b (n_l, 1) → A (n_l, b).
@inlinable
public func addBiasAndActivate<T: MatrixScalar>(
    _ Z: inout Matrix<T>, _ b: Matrix<T>, _ g: Activation, into A: inout Matrix<T>, exact: Bool
) {
    precondition(
        b.rows == Z.rows && b.columns == 1,
        "linearForward: W (\(Z.rows), _) needs b (\(Z.rows), 1), got (\(b.rows), \(b.columns))")
    if let kernel = g.kernel(exact: exact) {
        Z.addBias(b, applying: kernel, into: &A)
    } else {
        Z.addBias(b, applying: .identity, into: &A)
        g.activate(&A, exact: exact)
    }
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
