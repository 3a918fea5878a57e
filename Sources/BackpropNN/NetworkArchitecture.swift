import BackpropMatrix

/// One dense layer of a network: its number of units n_l and its activation g.
public struct LayerSpec: Equatable, Hashable, Sendable {
    /// n_l, the number of units (rows of W(l)).
    public var units: Int
    /// The activation applied to Z(l).
    public var activation: Activation

    /// A layer of `units` units followed by `activation`.
    public init(units: Int, activation: Activation) {
        self.units = units
        self.activation = activation
    }
}

/// The shape of a fully connected network: its input size n_0, its layers (sizes and
/// activations, layer 1 first) and its loss. Everything a model file needs besides the weights.
public struct NetworkArchitecture: Equatable, Hashable, Sendable {
    /// n_0, the number of features of one example (rows of X).
    public var inputSize: Int
    /// The layers 1…L, in order.
    public var layers: [LayerSpec]
    /// The loss the output is trained with.
    public var loss: Loss

    /// An architecture; call ``validate()`` before use (``Network`` does).
    public init(inputSize: Int, layers: [LayerSpec], loss: Loss) {
        self.inputSize = inputSize
        self.layers = layers
        self.loss = loss
    }

    /// The course's L-layer network: [LINEAR → RELU] × (L−1) → LINEAR → SIGMOID with binary
    /// cross-entropy, for `layerDims` = [n_0, …, n_L].
    public static func course(layerDims: [Int]) -> NetworkArchitecture {
        let sizes = Array(layerDims.dropFirst())
        return NetworkArchitecture(
            inputSize: layerDims.first ?? 0,
            layers: sizes.enumerated().map { LayerSpec(units: $1, activation: $0 == sizes.count - 1 ? .sigmoid : .relu) },
            loss: .binaryCrossEntropy)
    }

    /// The layer sizes [n_0, n_1, …, n_L], as the course's `layer_dims`.
    public var layerDims: [Int] { [inputSize] + layers.map(\.units) }
    /// The activations of layers 1…L.
    public var activations: [Activation] { layers.map(\.activation) }
    /// n_L, the number of outputs.
    public var outputCount: Int { layers.last?.units ?? 0 }
    /// The number of weights and biases (`Int.max` when more than `Int` can count; see
    /// ``checkedParameterCount``).
    public var parameterCount: Int { checkedParameterCount ?? .max }

    /// Checks the architecture: a positive input size, at least one layer, positive sizes,
    /// softmax only on the output layer, and a loss that fits the output (categorical
    /// cross-entropy needs at least 2 outputs).
    ///
    /// - Throws: ``NetworkError`` naming the field, such as `layers[2].units`.
    public func validate() throws(NetworkError) {
        guard inputSize > 0 else {
            throw NetworkError(argument: "inputSize", value: "\(inputSize)", expected: "a positive number of features")
        }
        guard !layers.isEmpty else {
            throw NetworkError(argument: "layers", value: "[]", expected: "at least one layer")
        }
        for (i, layer) in layers.enumerated() {
            guard layer.units > 0 else {
                throw NetworkError(argument: "layers[\(i)].units", value: "\(layer.units)", expected: "a positive layer size")
            }
            if case .leakyRelu(let slope) = layer.activation, !slope.isFinite {
                throw NetworkError(argument: "layers[\(i)].activation", value: "leaky-relu slope \(slope)", expected: "a finite slope")
            }
            if layer.activation == .softmax && i != layers.count - 1 {
                throw NetworkError(argument: "layers[\(i)].activation", value: "softmax", expected: "softmax on the output layer only")
            }
        }
        if loss == .categoricalCrossEntropy && outputCount < 2 {
            throw NetworkError(argument: "loss", value: "categorical-cross-entropy with \(outputCount) output",
                               expected: "at least 2 outputs (use binary-cross-entropy for one)")
        }
    }
}
