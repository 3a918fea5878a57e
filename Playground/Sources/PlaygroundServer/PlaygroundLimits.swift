/// The server's limits: what one session may ask for and how many sessions may run.
public struct PlaygroundLimits: Sendable, Codable, Equatable {
    /// Hidden layers per network: 6, as TensorFlow Playground.
    public var maxHiddenLayers = 6
    /// Neurons per hidden layer: 8.
    public var maxNeurons = 8
    /// Training steps (parameter updates) per second and session.
    public var maxStepsPerSecond = 5000
    /// Sessions (browser tabs) at once.
    public var maxSessions = 8
    /// Seconds without a message from the page after which a session ends.
    public var idleSeconds = 120.0
    /// Points per data set.
    public var maxPoints = 1000
    /// Bytes of one message from the page.
    public var maxMessageBytes = 8192

    /// The defaults above.
    public init() {}
}
