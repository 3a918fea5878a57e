import BackpropMatrix

extension Activation {
    /// σ(z) = 1 / (1 + e^(−z)) of one value: the one scalar formula of the sigmoid, used by
    /// ``sigmoid(_:)``, by the course's arithmetic in training and by ``sigmoidDerivative(_:_:)``.
    /// (The SIMD kernel `ElementwiseFunction.sigmoid` computes it faster, within 2 ulp in single
    /// precision, where the course's bits are not asked for.)
    @inlinable
    static func sigmoidValue<T: MatrixScalar>(_ z: T) -> T {
        1 / (1 + T.exp(-z))
    }

    /// dz = da · s · (1 − s), s = σ(z): the sigmoid's derivative applied to one upstream value.
    @inlinable
    static func sigmoidDerivative<T: MatrixScalar>(_ da: T, _ z: T) -> T {
        let s = sigmoidValue(z)
        return da * s * (1 - s)
    }
}

/// The logistic sigmoid, element-wise: A = σ(Z) = 1 / (1 + e^(−Z)).
///
/// Course: `sigmoid(Z)`, which returns `(A, cache)`; here the cache is `Z` itself, which the
/// caller keeps. The same code as ``Activation/sigmoid`` in every network.
///
/// - Shapes: Z (n, m) → A (n, m).
@inlinable
public func sigmoid<T: MatrixScalar>(_ Z: Matrix<T>) -> Matrix<T> {
    Activation.sigmoid.forward(Z)
}

/// The backward pass of ``sigmoid(_:)``: dZ = dA ⊙ s ⊙ (1 − s), where s = σ(Z).
///
/// Course: `sigmoid_backward(dA, cache)`.
///
/// - Parameters:
///   - dA: the gradient of the cost with respect to A, (n, m).
///   - Z: the cache (argument label `cache:`): the Z the forward pass saw, (n, m).
/// - Returns: dZ, (n, m).
@inlinable
public func sigmoidBackward<T: MatrixScalar>(dA: Matrix<T>, cache Z: Matrix<T>) -> Matrix<T> {
    Activation.sigmoid.backward(dA: dA, cache: Z)
}
