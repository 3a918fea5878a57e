import Backprop

/// Everything the page sets: the data, the network and the training. Sent by the page as a
/// `settings` message holding any subset of these keys; every value is checked against
/// ``PlaygroundLimits`` before it is used.
public struct PlaygroundSettings: Codable, Sendable, Equatable {
    /// The data set (``PlaygroundDataSet``).
    public var dataSet = PlaygroundDataSet.spirals
    /// Noise, 0…0.5.
    public var noise = 0.0
    /// The share of the points used for training, 0.1…0.9; the rest are the test points.
    public var trainFraction = 0.5
    /// Points drawn, 20…``PlaygroundLimits/maxPoints``.
    public var points = 400
    /// The input features, at least one, no repeats.
    public var features: [InputFeature] = [.x1, .x2]
    /// The units of each hidden layer (0…6 layers of 1…8 units).
    public var hiddenLayers = [8, 8]
    /// The hidden layers' activation: relu, tanh, sigmoid or linear.
    public var activation = "tanh"
    /// α, finite, in (0, 10].
    public var learningRate = 0.03
    /// none, l1 or l2.
    public var regularization = "none"
    /// λ, 0…10.
    public var regularizationRate = 0.0
    /// Examples per step, 1…the training points.
    public var batchSize = 10
    /// gd, momentum, rmsprop or adam.
    public var optimizer = "adam"
    /// Steps per second while playing, 1…``PlaygroundLimits/maxStepsPerSecond``.
    public var stepsPerSecond = 1000
    /// The seed of the data, the split, the weights and the batches.
    public var seed: UInt32 = 1

    /// The default: spirals, x₁ and x₂, two hidden layers of 8 tanh units, Adam at 0.03.
    public init() {}

    /// The activations the page offers, and Backprop's activation for each.
    public static let activations: [String: Activation] = ["relu": .relu, "tanh": .tanh, "sigmoid": .sigmoid, "linear": .identity]
    /// The optimisers the page offers.
    public static let optimizers = ["gd", "momentum", "rmsprop", "adam"]
    /// The regularisations the page offers.
    public static let regularizations = ["none", "l1", "l2"]

    /// The hidden layers' activation.
    public var hiddenActivation: Activation { Self.activations[activation] ?? .tanh }
    /// The L2 strength λ given to Backprop's backward pass (0 unless `regularization` is l2).
    public var l2: Double { regularization == "l2" ? regularizationRate : 0 }
    /// The L1 strength added by the playground's step (0 unless `regularization` is l1).
    public var l1: Double { regularization == "l1" ? regularizationRate : 0 }
}
