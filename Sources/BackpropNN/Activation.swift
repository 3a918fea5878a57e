import BackpropMatrix

/// The activation functions of a layer, applied to its pre-activation Z.
///
/// Each case has its forward function (`A = g(Z)`) and, side by side in its own file, its
/// backward function (`dZ = dA ⊙ g'(Z)`, or the Jacobian-vector product for softmax), which
/// takes the activation cache — Z itself. Every layer of every network goes through
/// ``forward(_:)`` and ``backward(dA:cache:)``: this is the one place where a faster kernel for
/// an activation is swapped in.
///
/// | case | g(z) | g'(z) | name |
/// |---|---|---|---|
/// | ``sigmoid`` | 1 / (1 + e^(−z)) | σ(z)(1 − σ(z)) | `sigmoid` |
/// | ``relu`` | max(0, z) | 1 if z > 0 else 0 | `relu` |
/// | ``tanh`` | tanh z | 1 − tanh² z | `tanh` |
/// | ``leakyRelu(slope:)`` | z if z > 0 else slope·z | 1 or slope | `leaky-relu`, `leaky-relu:0.2` |
/// | ``softmax`` | e^(z_k) / Σ_j e^(z_j) per column | s ⊙ (dA − Σ_k dA_k s_k) | `softmax` |
/// | ``identity`` | z | 1 | `identity` |
public enum Activation: Equatable, Hashable, Sendable {
    /// σ(z) = 1 / (1 + e^(−z)); see ``sigmoid(_:)`` and ``sigmoidBackward(dA:cache:)``.
    case sigmoid
    /// max(0, z); see ``relu(_:)`` and ``reluBackward(dA:cache:)``.
    case relu
    /// tanh(z); see ``tanhActivation(_:)`` and ``tanhBackward(dA:cache:)``.
    case tanh
    /// z for z > 0, slope · z otherwise; see ``leakyRelu(_:slope:)`` and
    /// ``leakyReluBackward(dA:cache:slope:)``. The usual slope is 0.01.
    case leakyRelu(slope: Double)
    /// The softmax of each column (numerically stable: the column maximum is subtracted first);
    /// see ``softmax(_:)`` and ``softmaxBackward(dA:cache:)``. For an output layer only.
    case softmax
    /// A = Z, for regression outputs.
    case identity

    /// The slope ``leakyRelu(slope:)`` gets when none is given: 0.01.
    public static let defaultLeakySlope = 0.01

    /// The names ``init(name:)`` accepts, for help texts.
    public static let names = ["sigmoid", "relu", "tanh", "leaky-relu", "softmax", "identity"]

    /// A = g(Z).
    ///
    /// - Shapes: Z (n_l, m) → A (n_l, m).
    @inlinable
    public func forward<T: MatrixScalar>(_ Z: Matrix<T>) -> Matrix<T> {
        switch self {
        case .sigmoid: return BackpropNN.sigmoid(Z)
        case .relu: return BackpropNN.relu(Z)
        case .tanh: return tanhActivation(Z)
        case .leakyRelu(let slope): return BackpropNN.leakyRelu(Z, slope: T(slope))
        case .softmax: return BackpropNN.softmax(Z)
        case .identity: return Z
        }
    }

    /// dZ = dA ⊙ g'(Z) (for softmax, the product of dA with the Jacobian of each column),
    /// where `cache` is the Z the forward pass saw.
    ///
    /// - Shapes: dA (n_l, m), Z (n_l, m) → dZ (n_l, m).
    @inlinable
    public func backward<T: MatrixScalar>(dA: Matrix<T>, cache Z: Matrix<T>) -> Matrix<T> {
        switch self {
        case .sigmoid: return sigmoidBackward(dA: dA, cache: Z)
        case .relu: return reluBackward(dA: dA, cache: Z)
        case .tanh: return tanhBackward(dA: dA, cache: Z)
        case .leakyRelu(let slope): return leakyReluBackward(dA: dA, cache: Z, slope: T(slope))
        case .softmax: return softmaxBackward(dA: dA, cache: Z)
        case .identity:
            precondition(
                dA.rows == Z.rows && dA.columns == Z.columns,
                "identity backward: dA (\(dA.rows), \(dA.columns)) and Z (\(Z.rows), \(Z.columns)) differ")
            return dA
        }
    }

    /// The name the command line and model files use: "sigmoid", "relu", "tanh", "softmax",
    /// "identity", and "leaky-relu" (slope 0.01) or "leaky-relu:SLOPE" for another slope.
    public var name: String {
        switch self {
        case .sigmoid: return "sigmoid"
        case .relu: return "relu"
        case .tanh: return "tanh"
        case .leakyRelu(let slope):
            return slope == Self.defaultLeakySlope ? "leaky-relu" : "leaky-relu:\(slope)"
        case .softmax: return "softmax"
        case .identity: return "identity"
        }
    }

    /// The activation called `name` (see ``name``); `nil` for an unknown name or a leaky slope
    /// that is not a finite number. Accepts "leaky-relu" (slope 0.01) and "leaky-relu:0.2".
    public init?(name: String) {
        switch name {
        case "sigmoid": self = .sigmoid
        case "relu": self = .relu
        case "tanh": self = .tanh
        case "leaky-relu", "leaky_relu", "leakyrelu": self = .leakyRelu(slope: Self.defaultLeakySlope)
        case "softmax": self = .softmax
        case "identity", "linear": self = .identity
        default:
            let prefix = "leaky-relu:"
            guard name.hasPrefix(prefix), let slope = Double(name.dropFirst(prefix.count)), slope.isFinite else {
                return nil
            }
            self = .leakyRelu(slope: slope)
        }
    }
}
