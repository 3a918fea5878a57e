/// A network together with the ``ModelInfo`` saved beside it: what a model file holds.
///
/// See Also: ``ModelFile`` (save and load), ``SavedModel`` (a model of either precision).
public struct TrainedModel<Scalar: MatrixScalar>: Sendable, Equatable {
    /// The architecture and the parameters.
    public var network: Network<Scalar>
    /// Class names, input shape and scaling, training settings, metrics.
    public var info: ModelInfo

    /// A model from a network and its information.
    public init(network: Network<Scalar>, info: ModelInfo = ModelInfo()) {
        self.network = network
        self.info = info
    }

    /// X scaled as the training data were (``ModelInfo/scaler``; unchanged when the model was
    /// trained unscaled).
    ///
    /// - Shapes: X (n_0, m) → (n_0, m).
    /// - Precondition: X has n_0 rows (callers check the feature count of outside data first).
    public func prepared(_ X: Matrix<Scalar>) -> Matrix<Scalar> {
        info.scaler.map { $0.transform(X) } ?? X
    }

    /// The network's output for raw inputs X (scaled first): probabilities for sigmoid and
    /// softmax outputs.
    ///
    /// - Shapes: X (n_0, m) → (n_L, m).
    public func outputs(_ X: Matrix<Scalar>) -> Matrix<Scalar> {
        network.predictProbabilities(prepared(X))
    }
}

/// A model of either precision, as loaded from a file whose dtype is known only at run time.
public enum SavedModel: Sendable, Equatable {
    /// A model whose parameters are `F32`.
    case float32(TrainedModel<Float>)
    /// A model whose parameters are `F64`.
    case float64(TrainedModel<Double>)

    /// The architecture (input size, layers, loss).
    public var architecture: NetworkArchitecture {
        switch self {
        case .float32(let model): model.network.architecture
        case .float64(let model): model.network.architecture
        }
    }

    /// The saved information.
    public var info: ModelInfo {
        switch self {
        case .float32(let model): model.info
        case .float64(let model): model.info
        }
    }

    /// `"float32"` or `"float64"`.
    public var dtypeName: String {
        switch self {
        case .float32: "float32"
        case .float64: "float64"
        }
    }

    /// Raw inputs X given in float64, scaled by the model's ``ModelInfo/scaler`` in float64 (as
    /// the training data were, before their conversion) and then converted to the model's
    /// precision T.
    ///
    /// - Shapes: X (n_0, m) → (n_0, m).
    /// - Precondition: X has n_0 rows.
    public func prepared<T: MatrixScalar>(_ X: Matrix<Double>, as type: T.Type = T.self) -> Matrix<T> {
        (info.scaler.map { $0.transform(X) } ?? X).converted(to: T.self)
    }

    /// The outputs for raw inputs X given in float64 (scaled first, see
    /// ``prepared(_:as:)``), computed in the model's own precision.
    ///
    /// - Shapes: X (n_0, m) → (n_L, m).
    public func outputs(_ X: Matrix<Double>) -> Matrix<Double> {
        switch self {
        case .float32(let model): model.network.predictProbabilities(prepared(X, as: Float.self)).converted(to: Double.self)
        case .float64(let model): model.network.predictProbabilities(prepared(X, as: Double.self))
        }
    }
}
