import Backprop
import Foundation

/// The messages the server sends the page, each a JSON object with a `type`.
public enum ServerMessage {
    /// `hello`: the session's id, the limits, the settings and the choices the page offers.
    struct Hello: Encodable {
        var type = "hello"
        var session: String
        var limits: PlaygroundLimits
        var settings: PlaygroundSettings
        var dataSets = PlaygroundDataSet.allCases.map(\.rawValue)
        var features = InputFeature.allCases.map(\.rawValue)
        var activations = ["relu", "tanh", "sigmoid", "linear"]
        var optimizers = PlaygroundSettings.optimizers
        var regularizations = PlaygroundSettings.regularizations
    }

    /// `data`: a new network's points (x₁, x₂, label), layer sizes, and how to reproduce it.
    struct DataSet: Encodable {
        var type = "data"
        var settings: PlaygroundSettings
        var classification: Bool
        var layerSizes: [Int]
        var train: [[Double]], test: [[Double]]
        var commandLine: String, swiftCode: String
    }

    /// `settings`: the settings after a change that kept the network (rate, λ, batch size, speed).
    struct SettingsReply: Encodable {
        var type = "settings"
        var settings: PlaygroundSettings
    }

    /// `frame`: where training stands, the heat maps (base64 bytes, see ``HeatMap``), weights.
    struct Frame: Encodable {
        var type = "frame"
        var playing: Bool
        var step: Int, epoch: Int
        var trainCost: Double, testCost: Double
        var stepsPerSecond: Double
        var outputSize: Int, output: String
        var neuronSize: Int, neurons: [[String]]
        /// W(l) of every layer as rows, b(l) as a list.
        var weights: [[[Double]]], biases: [[Double]]
        var commandLine: String
    }

    /// `inspection`: the caches of one example.
    struct InspectionReply: Encodable {
        var type = "inspection"
        var inspection: Inspection
    }

    /// `gradientCheck`: Backprop's relative difference, overall and per tensor.
    struct GradientCheckReply: Encodable {
        var type = "gradientCheck"
        var relativeDifference: Double
        var perParameter: [String: Double]
        var worstParameter: String
        var examples: Int
        var verdict: String
    }

    /// `error`: a message the server could not act on.
    struct ErrorReply: Encodable {
        var type = "error"
        var message: String
    }

    /// `value` as JSON text.
    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        guard let data = try? encoder.encode(value) else { return #"{"type":"error","message":"could not encode a reply"}"# }
        return String(decoding: data, as: UTF8.self)
    }
}
