import BackpropMatrix

/// How parameters move along their gradients (course: "Optimization Methods").
///
/// With learning rate α, gradients dW (and likewise db), and per-parameter state:
///
/// | case | update | name |
/// |---|---|---|
/// | ``gradientDescent`` | W ← W − α dW | `gd` |
/// | ``momentum(beta:)`` | v ← β v + (1 − β) dW;  W ← W − α v | `momentum` |
/// | ``rmsProp(beta:epsilon:)`` | s ← β s + (1 − β) dW²;  W ← W − α dW / (√s + ε) | `rmsprop` |
/// | ``adam(beta1:beta2:epsilon:)`` | t ← t + 1; v ← β₁ v + (1 − β₁) dW; s ← β₂ s + (1 − β₂) dW²; v̂ = v / (1 − β₁ᵗ); ŝ = s / (1 − β₂ᵗ); W ← W − α v̂ / (√ŝ + ε) | `adam` |
///
/// Course: `update_parameters_with_gd`, `update_parameters_with_momentum`,
/// `update_parameters_with_adam` (RMSProp is Adam's second moment alone, as the lectures give it).
/// The state lives in ``OptimizerState``.
public enum Optimizer: Equatable, Hashable, Sendable {
    /// Plain (mini-batch) gradient descent.
    case gradientDescent
    /// Gradient descent with momentum; β = 0.9 is the course's usual value.
    case momentum(beta: Double = 0.9)
    /// RMSProp; β = 0.9, ε = 1e-8 by default.
    case rmsProp(beta: Double = 0.9, epsilon: Double = 1e-8)
    /// Adam with bias correction; the course's defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
    case adam(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8)

    /// The names ``init(name:)`` accepts, for help texts.
    public static let names = ["gd", "momentum", "rmsprop", "adam"]

    /// The name the command line and checkpoints use: "gd", "momentum", "rmsprop", "adam".
    public var name: String {
        switch self {
        case .gradientDescent: return "gd"
        case .momentum: return "momentum"
        case .rmsProp: return "rmsprop"
        case .adam: return "adam"
        }
    }

    /// The optimiser called `name`, with its default hyper-parameters; also accepts "sgd" and
    /// "gradient-descent" for ``gradientDescent``.
    public init?(name: String) {
        switch name {
        case "gd", "sgd", "gradient-descent": self = .gradientDescent
        case "momentum": self = .momentum()
        case "rmsprop", "rms-prop": self = .rmsProp()
        case "adam": self = .adam()
        default: return nil
        }
    }

    /// The hyper-parameters by name ("beta", "beta1", "beta2", "epsilon"), for model metadata.
    public var hyperParameters: [String: Double] {
        switch self {
        case .gradientDescent: return [:]
        case .momentum(let beta): return ["beta": beta]
        case .rmsProp(let beta, let epsilon): return ["beta": beta, "epsilon": epsilon]
        case .adam(let beta1, let beta2, let epsilon): return ["beta1": beta1, "beta2": beta2, "epsilon": epsilon]
        }
    }

    /// Checks the hyper-parameters: each β in [0, 1), ε finite and > 0.
    ///
    /// - Throws: ``NetworkError`` naming `optimizer.beta1` and so on.
    public func validate() throws(NetworkError) {
        for (key, value) in hyperParameters.sorted(by: { $0.key < $1.key }) {
            if key == "epsilon" {
                guard value.isFinite && value > 0 else {
                    throw NetworkError(argument: "optimizer.epsilon", value: "\(value)", expected: "a finite number above 0")
                }
            } else {
                guard value >= 0 && value < 1 else {
                    throw NetworkError(argument: "optimizer.\(key)", value: "\(value)", expected: "a number in [0, 1)")
                }
            }
        }
    }

    /// Whether the optimiser keeps a first moment v (momentum, Adam).
    @inlinable public var usesFirstMoment: Bool {
        switch self {
        case .momentum, .adam: return true
        default: return false
        }
    }

    /// Whether the optimiser keeps a second moment s (RMSProp, Adam).
    @inlinable public var usesSecondMoment: Bool {
        switch self {
        case .rmsProp, .adam: return true
        default: return false
        }
    }
}
