import BackpropMatrix

/// The leaky rectified linear unit, element-wise: A = Z where Z > 0, slope · Z elsewhere.
///
/// - Shapes: Z (n, m) → A (n, m).
@inlinable
public func leakyRelu<T: MatrixScalar>(_ Z: Matrix<T>, slope: T = 0.01) -> Matrix<T> {
    Z.map { $0 > 0 ? $0 : slope * $0 }
}

/// The backward pass of ``leakyRelu(_:slope:)``: dZ = dA where Z > 0, slope · dA where Z ≤ 0
/// (the same convention at 0 as ``reluBackward(dA:cache:)``).
///
/// - Parameters:
///   - dA: the gradient of the cost with respect to A, (n, m).
///   - cache: the Z the forward pass saw, (n, m).
///   - slope: the slope for negative Z.
/// - Returns: dZ, (n, m).
@inlinable
public func leakyReluBackward<T: MatrixScalar>(dA: Matrix<T>, cache Z: Matrix<T>, slope: T = 0.01) -> Matrix<T> {
    precondition(
        dA.rows == Z.rows && dA.columns == Z.columns,
        "leakyReluBackward: dA (\(dA.rows), \(dA.columns)) and Z (\(Z.rows), \(Z.columns)) differ")
    return Matrix.combine(dA, Z, "leakyReluBackward") { da, z in z > 0 ? da : slope * da }
}
