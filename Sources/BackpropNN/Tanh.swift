import BackpropMatrix

// tanh and its derivative dz = da · (1 − tanh² z) are computed by one kernel pair
// (`ElementwiseFunction.tanh`, the C library's tanh), so they have no scalar formula in Swift.

/// The hyperbolic tangent, element-wise: A = tanh(Z).
///
/// Named `tanhActivation` so that it does not shadow the C library's `tanh`; it is also
/// ``Activation/tanh``.
///
/// - Shapes: Z (n, m) → A (n, m).
@inlinable
public func tanhActivation<T: MatrixScalar>(_ Z: Matrix<T>) -> Matrix<T> {
    Activation.tanh.forward(Z)
}

/// The backward pass of ``tanhActivation(_:)``: dZ = dA ⊙ (1 − tanh²(Z)).
///
/// - Parameters:
///   - dA: the gradient of the cost with respect to A, (n, m).
///   - Z: the cache (argument label `cache:`): the Z the forward pass saw, (n, m).
/// - Returns: dZ, (n, m).
@inlinable
public func tanhBackward<T: MatrixScalar>(dA: Matrix<T>, cache Z: Matrix<T>) -> Matrix<T> {
    Activation.tanh.backward(dA: dA, cache: Z)
}
