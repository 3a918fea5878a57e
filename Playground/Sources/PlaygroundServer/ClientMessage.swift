import Foundation

/// A message from the page, one JSON object per WebSocket text message, told apart by `type`:
///
/// | type | fields | what the server does |
/// |---|---|---|
/// | `settings` | `settings`: any subset of ``PlaygroundSettings``' keys | checks them; a new network (`data` reply) when data, features, layers, activation, optimiser or seed change, else a `settings` reply |
/// | `play`, `pause` | | starts or stops training |
/// | `step` | | one training step (pauses first) |
/// | `reset` | | a new network from the same settings |
/// | `inspect` | `set` (`train`/`test`), `index` | the course's caches for that example |
/// | `gradientCheck` | | Backprop's gradient check on the 32 examples with the highest loss |
/// | `ping` | | nothing but keeping the session alive |
public enum ClientMessage: Sendable, Equatable {
    case settings(PlaygroundSettings)
    case play, pause, step, reset, gradientCheck, ping
    case inspect(set: String, index: Int)

    /// The message in `text`; `settings` merged into `current` and checked against `limits`.
    ///
    /// - Throws: ``PlaygroundError`` for text that is not a JSON object with a known `type`, a
    ///   missing or mistyped field, an unknown setting or a value outside the limits.
    public static func parse(_ text: String, current: PlaygroundSettings, limits: PlaygroundLimits) throws(PlaygroundError) -> ClientMessage {
        guard let data = text.data(using: .utf8),
              let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw PlaygroundError("message: expected a JSON object, found \(text.prefix(40).debugDescription)")
        }
        guard let type = object["type"] as? String else { throw PlaygroundError("message: expected a \"type\" string") }
        switch type {
        case "settings": return .settings(try merged(object["settings"], into: current, limits: limits))
        case "play": return .play
        case "pause": return .pause
        case "step": return .step
        case "reset": return .reset
        case "gradientCheck": return .gradientCheck
        case "ping": return .ping
        case "inspect":
            guard let set = object["set"] as? String, let index = (object["index"] as? NSNumber).flatMap({ Int(exactly: $0.doubleValue) }) else {
                throw PlaygroundError("inspect: expected \"set\" (train or test) and an integer \"index\"")
            }
            return .inspect(set: set, index: index)
        default:
            throw PlaygroundError.invalid("type", expected: "settings, play, pause, step, reset, inspect, gradientCheck or ping", found: "\"\(type.prefix(40))\"")
        }
    }

    /// `current` with the keys of `patch` replaced, checked.
    static func merged(_ patch: Any?, into current: PlaygroundSettings, limits: PlaygroundLimits) throws(PlaygroundError) -> PlaygroundSettings {
        guard let patch = patch as? [String: Any] else { throw PlaygroundError("settings: expected an object") }
        guard let encoded = try? JSONEncoder().encode(current),
              let values = (try? JSONSerialization.jsonObject(with: encoded)) as? [String: Any] else {
            throw PlaygroundError("settings: could not encode the current settings")
        }
        for key in patch.keys {
            guard values[key] != nil else {
                throw PlaygroundError.invalid("settings", expected: "keys among \(values.keys.sorted().joined(separator: ", "))", found: "\"\(key.prefix(40))\"")
            }
        }
        var settings: PlaygroundSettings
        do {
            settings = try decode(values.merging(patch) { $1 })
        } catch {
            // Name the key: Foundation's decoder reports some mistyped numbers without a path.
            for key in patch.keys.sorted() where (try? decode(values.merging([key: patch[key]!]) { $1 })) == nil {
                throw PlaygroundError("settings: \(key): \(String(describing: patch[key]!).prefix(40)) is not a valid value (\(describe(error)))")
            }
            throw PlaygroundError("settings: \(describe(error))")
        }
        // Fewer training points than the batch size: the batch shrinks unless it was asked for.
        if patch["batchSize"] == nil && settings.batchSize > settings.trainingCount { settings.batchSize = max(settings.trainingCount, 1) }
        try settings.validate(limits)
        return settings
    }

    /// Settings from their JSON object.
    static func decode(_ values: [String: Any]) throws -> PlaygroundSettings {
        try JSONDecoder().decode(PlaygroundSettings.self, from: JSONSerialization.data(withJSONObject: values))
    }

    /// A decoding error in one line: the key and what was wrong.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        return switch error {
        case .typeMismatch(let type, let context): "\(path(context)): expected \(type)"
        case .dataCorrupted(let context): "\(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, _): "\(key.stringValue): missing"
        case .valueNotFound(let type, let context): "\(path(context)): expected \(type)"
        @unknown default: "\(error)"
        }
    }

    static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
