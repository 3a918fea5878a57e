import BackpropMatrix

// The rectified linear unit and its derivative are computed by one SIMD kernel pair
// (`ElementwiseFunction.relu`: max(z, 0), NaN kept; dz = da where z > 0, else 0), exact in
// every precision, so they have no scalar formula in Swift.

/// The rectified linear unit, element-wise: A = max(0, Z).
///
/// Course: `relu(Z)`, which returns `(A, cache)`; here the cache is `Z` itself. The same code
/// as ``Activation/relu`` in every network.
///
/// - Shapes: Z (n, m) → A (n, m).
@inlinable
public func relu<T: MatrixScalar>(_ Z: Matrix<T>) -> Matrix<T> {
    Activation.relu.forward(Z)
}

/// The backward pass of ``relu(_:)``: dZ = dA where Z > 0, and 0 where Z ≤ 0.
///
/// Course: `relu_backward(dA, cache)`.
///
/// - Parameters:
///   - dA: the gradient of the cost with respect to A, (n, m).
///   - Z: the cache (argument label `cache:`): the Z the forward pass saw, (n, m).
/// - Returns: dZ, (n, m).
@inlinable
public func reluBackward<T: MatrixScalar>(dA: Matrix<T>, cache Z: Matrix<T>) -> Matrix<T> {
    Activation.relu.backward(dA: dA, cache: Z)
}
