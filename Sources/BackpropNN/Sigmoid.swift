import BackpropMatrix

/// The logistic sigmoid, element-wise: A = σ(Z) = 1 / (1 + e^(−Z)).
///
/// Course: `sigmoid(Z)`, which returns `(A, cache)`; here the cache is `Z` itself, which the
/// caller keeps.
///
/// - Shapes: Z (n, m) → A (n, m).
@inlinable
public func sigmoid<T: MatrixScalar>(_ Z: Matrix<T>) -> Matrix<T> {
    Z.map { 1 / (1 + T.exp(-$0)) }
}

/// The backward pass of ``sigmoid(_:)``: dZ = dA ⊙ s ⊙ (1 − s), where s = σ(Z).
///
/// Course: `sigmoid_backward(dA, cache)`.
///
/// - Parameters:
///   - dA: the gradient of the cost with respect to A, (n, m).
///   - cache: the Z the forward pass saw, (n, m).
/// - Returns: dZ, (n, m).
@inlinable
public func sigmoidBackward<T: MatrixScalar>(dA: Matrix<T>, cache Z: Matrix<T>) -> Matrix<T> {
    precondition(
        dA.rows == Z.rows && dA.columns == Z.columns,
        "sigmoidBackward: dA (\(dA.rows), \(dA.columns)) and Z (\(Z.rows), \(Z.columns)) differ")
    return Matrix.combine(dA, Z, "sigmoidBackward") { da, z in
        let s = 1 / (1 + T.exp(-z))
        return da * s * (1 - s)
    }
}
