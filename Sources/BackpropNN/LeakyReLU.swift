import BackpropMatrix

extension Activation {
    /// z where z > 0, slope · z elsewhere: the one scalar formula of the leaky ReLU.
    @inlinable
    static func leakyReluValue<T: MatrixScalar>(_ z: T, slope: T) -> T {
        z > 0 ? z : slope * z
    }

    /// dz = da where z > 0, slope · da where z ≤ 0 (the same convention at 0 as the ReLU): the
    /// leaky ReLU's derivative applied to one upstream value.
    @inlinable
    static func leakyReluDerivative<T: MatrixScalar>(_ da: T, _ z: T, slope: T) -> T {
        z > 0 ? da : slope * da
    }
}

/// The leaky rectified linear unit, element-wise: A = Z where Z > 0, slope · Z elsewhere.
///
/// - Shapes: Z (n, m) → A (n, m).
@inlinable
public func leakyRelu<T: MatrixScalar>(_ Z: Matrix<T>, slope: T = 0.01) -> Matrix<T> {
    Activation.leakyRelu(slope: Double(slope)).forward(Z)
}

/// The backward pass of ``leakyRelu(_:slope:)``: dZ = dA where Z > 0, slope · dA where Z ≤ 0
/// (the same convention at 0 as ``reluBackward(dA:cache:)``).
///
/// - Parameters:
///   - dA: the gradient of the cost with respect to A, (n, m).
///   - Z: the cache (argument label `cache:`): the Z the forward pass saw, (n, m).
///   - slope: the slope for negative Z.
/// - Returns: dZ, (n, m).
@inlinable
public func leakyReluBackward<T: MatrixScalar>(dA: Matrix<T>, cache Z: Matrix<T>, slope: T = 0.01) -> Matrix<T> {
    Activation.leakyRelu(slope: Double(slope)).backward(dA: dA, cache: Z)
}
