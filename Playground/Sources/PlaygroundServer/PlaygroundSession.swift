import Backprop
import Foundation

/// One browser tab's training session: its model, whether it plays, and the clock that paces
/// its steps. Messages from the page go through ``handle(_:)``; the session's loop
/// (``PlaygroundSocket``) calls ``tick(seconds:)`` about 30 times a second.
public actor PlaygroundSession {
    /// The id the page downloads its model and data under.
    public nonisolated let id: String
    /// The server's limits.
    public nonisolated let limits: PlaygroundLimits
    /// The data and the network.
    public private(set) var model: PlaygroundModel
    /// Whether training runs.
    public private(set) var playing = true
    /// When the page last sent a message.
    var lastMessage = ContinuousClock.now
    /// Steps owed to the clock, and (time, step) samples of the last second for the rate.
    var stepDebt = 0.0, samples: [(time: ContinuousClock.Instant, step: Int)] = []
    /// Whether the page needs a frame although training is paused; frames not yet written.
    var dirty = true, framesInFlight = 0

    /// Heat-map resolutions: the output, and each neuron.
    public static let outputSize = PlaygroundModel.outputGridSize, neuronSize = PlaygroundModel.neuronGridSize

    /// A session training the default settings.
    public init(id: String, limits: PlaygroundLimits, settings: PlaygroundSettings = PlaygroundSettings()) throws(PlaygroundError) {
        self.id = id
        self.limits = limits
        var settings = settings
        settings.stepsPerSecond = min(settings.stepsPerSecond, limits.maxStepsPerSecond)
        model = try PlaygroundModel(settings: settings, limits: limits)
    }

    /// The `hello` and `data` messages a new page gets.
    public func greeting() -> [String] {
        [ServerMessage.json(ServerMessage.Hello(session: id, limits: limits, settings: model.settings)), dataMessage()]
    }

    /// Acts on one message from the page and returns the replies (an `error` reply for a
    /// message it cannot act on).
    public func handle(_ text: String) -> [String] {
        lastMessage = .now
        do {
            return try act(on: ClientMessage.parse(text, current: model.settings, limits: limits))
        } catch {
            return [ServerMessage.json(ServerMessage.ErrorReply(message: error.message))]
        }
    }

    func act(on message: ClientMessage) throws(PlaygroundError) -> [String] {
        dirty = true
        switch message {
        case .settings(let settings):
            guard model.settings.needsReset(becoming: settings) else {
                model.update(live: settings)
                return [ServerMessage.json(ServerMessage.SettingsReply(settings: model.settings))]
            }
            model = try PlaygroundModel(settings: settings, limits: limits)
            return [dataMessage()]
        case .play: playing = true
        case .pause: playing = false
        case .step:
            playing = false
            model.trainStep()
        case .reset:
            model = try PlaygroundModel(settings: model.settings, limits: limits)
            return [dataMessage()]
        case .inspect(let set, let index):
            return [ServerMessage.json(ServerMessage.InspectionReply(inspection: try model.inspect(set: set, index: index)))]
        case .gradientCheck:
            return [gradientCheckMessage(try model.gradientCheckResult())]
        case .ping: dirty = false
        }
        stepDebt = 0
        return []
    }

    /// Whether the page has sent nothing for longer than ``PlaygroundLimits/idleSeconds``.
    public func isIdle(now: ContinuousClock.Instant = .now) -> Bool {
        now - lastMessage > .milliseconds(Int(limits.idleSeconds * 1000))
    }

    /// Runs the steps due after `seconds` (at most 25 ms of them) and returns a frame when
    /// the page needs one and has taken the last ones.
    public func tick(seconds: Double) -> String? {
        if playing { runDueSteps(seconds: seconds) }
        guard (playing || dirty) && framesInFlight < 2 else { return nil }
        dirty = false
        framesInFlight += 1
        return frameMessage()
    }

    /// A frame was written to the socket.
    public func frameWritten() { framesInFlight = max(framesInFlight - 1, 0) }

    func runDueSteps(seconds: Double) {
        let rate = Double(min(model.settings.stepsPerSecond, limits.maxStepsPerSecond))
        stepDebt = min(stepDebt + rate * seconds, max(rate / 10, 1))
        let start = ContinuousClock.now
        while stepDebt >= 1 && ContinuousClock.now - start < .milliseconds(25) {
            model.trainStep()
            stepDebt -= 1
        }
        let now = ContinuousClock.now
        samples.append((now, model.step))
        samples.removeAll { now - $0.time > .seconds(1) }
    }

    /// Steps per second over the last second.
    var measuredRate: Double {
        guard playing, let first = samples.first, let last = samples.last, last.time > first.time else { return 0 }
        let elapsed = last.time - first.time
        return Double(last.step - first.step) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
}
