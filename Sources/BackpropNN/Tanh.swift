import BackpropMatrix

/// The hyperbolic tangent, element-wise: A = tanh(Z).
///
/// Named `tanhActivation` so that it does not shadow the C library's `tanh`; it is also
/// ``Activation/tanh``.
///
/// - Shapes: Z (n, m) → A (n, m).
@inlinable
public func tanhActivation<T: MatrixScalar>(_ Z: Matrix<T>) -> Matrix<T> {
    Z.map { T.tanh($0) }
}

/// The backward pass of ``tanhActivation(_:)``: dZ = dA ⊙ (1 − tanh²(Z)).
///
/// - Parameters:
///   - dA: the gradient of the cost with respect to A, (n, m).
///   - cache: the Z the forward pass saw, (n, m).
/// - Returns: dZ, (n, m).
@inlinable
public func tanhBackward<T: MatrixScalar>(dA: Matrix<T>, cache Z: Matrix<T>) -> Matrix<T> {
    precondition(
        dA.rows == Z.rows && dA.columns == Z.columns,
        "tanhBackward: dA (\(dA.rows), \(dA.columns)) and Z (\(Z.rows), \(Z.columns)) differ")
    return Matrix.combine(dA, Z, "tanhBackward") { da, z in
        let t = T.tanh(z)
        return da * (1 - t * t)
    }
}
