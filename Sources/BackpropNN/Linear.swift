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
/// Course: `linear_forward(A, W, b)`. Allocates Z; the training workspace writes the same
/// product into its own buffer (``linearActivationForward(_:_:_:_:z:a:exact:)``).
///
/// - Shapes: A (n_{l-1}, m), W (n_l, n_{l-1}), b (n_l, 1) → Z (n_l, m).
/// - Returns: Z and the cache (A, W, b) for ``linearBackward(dZ:cache:)``.
@inlinable
public func linearForward<T: MatrixScalar>(
    A: Matrix<T>, W: Matrix<T>, b: Matrix<T>
) -> (Z: Matrix<T>, cache: LinearCache<T>) {
    var Z = Matrix<T>(rows: 0, columns: 0), unused = Matrix<T>(rows: 0, columns: 0)
    linearActivationForward(A, W, b, .identity, z: &Z, a: &unused, exact: true)
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
    let empty = Matrix<T>(rows: 0, columns: 0)
    var dW = empty, db = empty
    var dAPrev: Matrix<T>? = computingInputGradient ? empty : nil
    // (1/m) · x, not x / m: the course multiplies by 1./m, and so must we to get its bits.
    linearBackward(dZ: dZ, input: LayerInput(cache.A), W: cache.W, scale: 1 / T(cache.A.columns), l2: 0,
                   dW: &dW, db: &db, dAPrev: &dAPrev)
    return (dAPrev, dW, db)
}

/// A layer's input A(l−1), (n_{l-1}, b), and optionally its stored transpose A(l−1)ᵀ, (b, n_{l-1}),
/// which makes dW = dZ · A(l−1)ᵀ a product of two non-transposed operands (same bits).
public struct LayerInput<Scalar: MatrixScalar>: Sendable {
    /// A(l−1), (n_{l-1}, b).
    public var A: Matrix<Scalar>
    /// A(l−1)ᵀ, (b, n_{l-1}), or `nil`: dW then reads A(l−1) by stride.
    public var transposed: Matrix<Scalar>?

    /// An input and, if stored, its transpose.
    @inlinable
    public init(_ A: Matrix<Scalar>, transposed: Matrix<Scalar>? = nil) {
        precondition(transposed.map { $0.rows == A.columns && $0.columns == A.rows } ?? true,
                     "LayerInput: Aᵀ (\(transposed?.rows ?? 0), \(transposed?.columns ?? 0)) is not the transpose of A (\(A.rows), \(A.columns))")
        self.A = A
        self.transposed = transposed
    }
}

/// The backward pass of the linear part into given buffers (resized, storage reused): the one
/// implementation behind ``linearBackward(dZ:cache:)``, the reference ``modelBackward(dZL:caches:activations:lambda:computingInputGradient:)``
/// and the training workspace:
///
///     dW = scale · (dZ · A_prevᵀ) + l2 · W,   db = scale · Σ_columns dZ,   dA_prev = Wᵀ · dZ
///
/// - Parameters:
///   - dZ: (n_l, b).
///   - input: A_prev (n_{l-1}, b), with its transpose when stored.
///   - W: (n_l, n_{l-1}).
///   - scale: 1/b (the course multiplies by 1/m), or `nil` when dZ already carries it.
///   - l2: λ/b, the L2 term's factor (0: none).
///   - dW: the result, (n_l, n_{l-1}).
///   - db: the result, (n_l, 1).
///   - dAPrev: the result, (n_{l-1}, b); `nil` skips that product.
@inlinable
public func linearBackward<T: MatrixScalar>(
    dZ: Matrix<T>, input: LayerInput<T>, W: Matrix<T>, scale: T?, l2: T,
    dW: inout Matrix<T>, db: inout Matrix<T>, dAPrev: inout Matrix<T>?
) {
    linearWeightGradient(dZ: dZ, input: input, W: W, scale: scale, l2: l2, into: &dW)
    linearBiasGradient(dZ: dZ, scale: scale, into: &db)
    if dAPrev != nil { linearInputGradient(dZ: dZ, W: W, into: &dAPrev!) }
}

/// dW = scale · (dZ · A_prevᵀ) + l2 · W, in that order of operations (the course's).
///
/// - Shapes: dZ (n_l, b), A_prev (n_{l-1}, b), W (n_l, n_{l-1}) → dW (n_l, n_{l-1}).
@inlinable
public func linearWeightGradient<T: MatrixScalar>(
    dZ: Matrix<T>, input: LayerInput<T>, W: Matrix<T>, scale: T?, l2: T, into dW: inout Matrix<T>
) {
    precondition(
        dZ.rows == W.rows && dZ.columns == input.A.columns && input.A.rows == W.columns,
        "linearBackward: dZ (\(dZ.rows), \(dZ.columns)) does not match Z = W (\(W.rows), \(W.columns)) · A (\(input.A.rows), \(input.A.columns))")
    if let transposed = input.transposed {
        Matrix.gemm(dZ, transposed, into: &dW)
    } else {
        Matrix.gemm(dZ, input.A, transposeB: true, into: &dW)
    }
    if let scale { dW *= scale }
    if l2 != 0 { dW.add(W, scaledBy: l2) }
}

/// db = scale · Σ_columns dZ (NumPy's pairwise sum).
///
/// - Shapes: dZ (n_l, b) → db (n_l, 1).
@inlinable
public func linearBiasGradient<T: MatrixScalar>(dZ: Matrix<T>, scale: T?, into db: inout Matrix<T>) {
    dZ.sums(axis: 1, into: &db)
    if let scale { db *= scale }
}

/// dA_prev = Wᵀ · dZ.
///
/// - Shapes: W (n_l, n_{l-1}), dZ (n_l, b) → dA_prev (n_{l-1}, b).
@inlinable
public func linearInputGradient<T: MatrixScalar>(dZ: Matrix<T>, W: Matrix<T>, into dAPrev: inout Matrix<T>) {
    Matrix.gemm(W, transposeA: true, dZ, into: &dAPrev)
}
