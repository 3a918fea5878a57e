import BackpropMatrix

/// How a network's output is scored against the labels, averaged over the m examples.
///
/// | case | J | name |
/// |---|---|---|
/// | ``binaryCrossEntropy`` | −(1/m) Σ [y log a + (1 − y) log(1 − a)] | `binary-cross-entropy` |
/// | ``categoricalCrossEntropy`` | −(1/m) Σᵢ Σ_k y_ki log a_ki | `categorical-cross-entropy` |
/// | ``meanSquaredError`` | (1/(2m)) Σᵢ Σ_k (a_ki − y_ki)² | `mean-squared-error` |
///
/// Sums run over every output unit and every example, so binary cross-entropy with n_L > 1
/// outputs is the multi-label loss. Labels Y are (n_L, m) targets, except that categorical
/// cross-entropy also takes (1, m) integer class labels (see `targets(from:outputCount:)`).
///
/// **Numerics.** With ``LossNumerics/stable`` (the default of the network and the training
/// loop), the output layer's gradient is fused with the loss where that is stabler, and the
/// cost is computed from the pre-activation Z_L:
/// - sigmoid + binary cross-entropy: J = (1/m) Σ [max(z, 0) − z·y + log(1 + e^(−|z|))]
///   (never takes the log of 0), and dZ_L = A_L − Y;
/// - softmax + categorical cross-entropy: log a = log-softmax(z) by log-sum-exp, and
///   dZ_L = A_L − Y;
/// - other pairs: the cost from A_L, with probabilities clipped to [ε, 1 − ε]
///   (ε = 1e-7 for Float, 1e-15 for Double) before the log, and dA_L from the same clipped values.
///
/// With ``LossNumerics/course``, the cost and dA_L are the course's formulas from A_L without
/// clipping (`compute_cost`, dAL = −(Y/AL − (1−Y)/(1−AL))), so a network of [relu…, sigmoid]
/// reproduces ``lLayerModel(X:Y:layerDims:scheme:options:onCost:)`` bit for bit.
///
/// The 1/m of the gradient sits in ``linearBackward(dZ:cache:)`` (dW = (1/m) dZ Aᵀ), as in the
/// course; the gradients returned here are per example.
public enum Loss: Equatable, Hashable, Sendable {
    /// Binary (or multi-label) cross-entropy, for sigmoid outputs and labels 0 or 1.
    case binaryCrossEntropy
    /// Categorical cross-entropy, for softmax outputs and one class per example.
    case categoricalCrossEntropy
    /// Half the squared error, for regression (identity outputs).
    case meanSquaredError

    /// The names ``init(name:)`` accepts, for help texts.
    public static let names = ["binary-cross-entropy", "categorical-cross-entropy", "mean-squared-error"]

    /// The name the command line and model files use.
    public var name: String {
        switch self {
        case .binaryCrossEntropy: return "binary-cross-entropy"
        case .categoricalCrossEntropy: return "categorical-cross-entropy"
        case .meanSquaredError: return "mean-squared-error"
        }
    }

    /// The loss called `name`; also accepts the short forms "bce", "cross-entropy", "ce", "mse".
    public init?(name: String) {
        switch name {
        case "binary-cross-entropy", "bce": self = .binaryCrossEntropy
        case "categorical-cross-entropy", "cross-entropy", "ce", "cce": self = .categoricalCrossEntropy
        case "mean-squared-error", "mse": self = .meanSquaredError
        default: return nil
        }
    }

    /// The output activation this loss is usually paired with: sigmoid, softmax, identity.
    public var naturalOutputActivation: Activation {
        switch self {
        case .binaryCrossEntropy: return .sigmoid
        case .categoricalCrossEntropy: return .softmax
        case .meanSquaredError: return .identity
        }
    }

    /// Whether the output gradient of this loss after `activation` is fused to dZ_L = A_L − Y
    /// under ``LossNumerics/stable``: sigmoid + binary cross-entropy, softmax + categorical
    /// cross-entropy, identity + mean squared error.
    @inlinable
    public func fuses(with activation: Activation) -> Bool {
        switch (self, activation) {
        case (.binaryCrossEntropy, .sigmoid), (.categoricalCrossEntropy, .softmax), (.meanSquaredError, .identity):
            return true
        default:
            return false
        }
    }

    /// The smallest probability the clipped formulations use: 1e-7 for Float, 1e-15 for Double.
    @inlinable
    public static func clipEpsilon<T: MatrixScalar>(_: T.Type) -> T {
        T.significandBitCount > 30 ? T(1e-15) : T(1e-7)
    }
}

/// How a loss is evaluated; see ``Loss``.
public enum LossNumerics: String, Equatable, Hashable, Sendable, CaseIterable {
    /// Fused output gradients and costs from the pre-activation where stabler (the default).
    case stable
    /// The course's formulas from A_L, unclipped: bit-identical to the course's models.
    case course
}
