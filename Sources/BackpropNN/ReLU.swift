import BackpropMatrix

/// The rectified linear unit, element-wise: A = max(0, Z).
///
/// Course: `relu(Z)`, which returns `(A, cache)`; here the cache is `Z` itself.
///
/// - Shapes: Z (n, m) → A (n, m).
@inlinable
public func relu<T: MatrixScalar>(_ Z: Matrix<T>) -> Matrix<T> {
    Z.map { $0 < 0 ? 0 : $0 }   // NaN stays NaN, as np.maximum keeps it
}

/// The backward pass of ``relu(_:)``: dZ = dA where Z > 0, and 0 where Z ≤ 0.
///
/// Course: `relu_backward(dA, cache)`.
///
/// - Parameters:
///   - dA: the gradient of the cost with respect to A, (n, m).
///   - cache: the Z the forward pass saw, (n, m).
/// - Returns: dZ, (n, m).
@inlinable
public func reluBackward<T: MatrixScalar>(dA: Matrix<T>, cache Z: Matrix<T>) -> Matrix<T> {
    precondition(
        dA.rows == Z.rows && dA.columns == Z.columns,
        "reluBackward: dA (\(dA.rows), \(dA.columns)) and Z (\(Z.rows), \(Z.columns)) differ")
    return Matrix.combine(dA, Z, "reluBackward") { da, z in z <= 0 ? 0 : da }
}
