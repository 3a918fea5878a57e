/// The activation functions of a layer, applied element-wise to its pre-activation Z.
///
/// Each case has its forward function (`A = g(Z)`) and, side by side in its own file, its
/// backward function (`dZ = dA ⊙ g'(Z)`), which takes the activation cache — Z itself.
public enum Activation: Equatable, Sendable {
    /// σ(z) = 1 / (1 + e^(−z)); see ``sigmoid(_:)`` and ``sigmoidBackward(dA:cache:)``.
    case sigmoid
    /// max(0, z); see ``relu(_:)`` and ``reluBackward(dA:cache:)``.
    case relu

    /// A = g(Z), element-wise.
    ///
    /// - Shapes: Z (n_l, m) → A (n_l, m).
    @inlinable
    public func forward<T: MatrixScalar>(_ Z: Matrix<T>) -> Matrix<T> {
        switch self {
        case .sigmoid: return BackpropNN.sigmoid(Z)
        case .relu: return BackpropNN.relu(Z)
        }
    }

    /// dZ = dA ⊙ g'(Z), element-wise, where `cache` is the Z the forward pass saw.
    ///
    /// - Shapes: dA (n_l, m), Z (n_l, m) → dZ (n_l, m).
    @inlinable
    public func backward<T: MatrixScalar>(dA: Matrix<T>, cache Z: Matrix<T>) -> Matrix<T> {
        switch self {
        case .sigmoid: return sigmoidBackward(dA: dA, cache: Z)
        case .relu: return reluBackward(dA: dA, cache: Z)
        }
    }

    /// The name the course and the command line use: "sigmoid", "relu".
    public var name: String {
        switch self {
        case .sigmoid: return "sigmoid"
        case .relu: return "relu"
        }
    }
}
