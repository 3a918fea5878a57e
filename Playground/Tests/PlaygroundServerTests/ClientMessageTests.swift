import Testing
@testable import PlaygroundServer

@Suite struct ClientMessageTests {
    let limits = PlaygroundLimits()

    func parse(_ text: String) throws(PlaygroundError) -> ClientMessage {
        try ClientMessage.parse(text, current: PlaygroundSettings(), limits: limits)
    }

    @Test func knownMessages() throws {
        #expect(try parse(#"{"type":"play"}"#) == .play)
        #expect(try parse(#"{"type":"inspect","set":"train","index":3}"#) == .inspect(set: "train", index: 3))
        guard case .settings(let settings) = try parse(#"{"type":"settings","settings":{"dataSet":"xor","hiddenLayers":[4,4,4],"features":["x1","sin(x2)"]}}"#) else {
            Issue.record("not settings")
            return
        }
        #expect(settings.dataSet == .xor && settings.hiddenLayers == [4, 4, 4] && settings.features == [.x1, .sinX2])
        #expect(settings.learningRate == PlaygroundSettings().learningRate)
    }

    @Test(arguments: [
        ("", "message: expected a JSON object"),
        ("[1,2]", "message: expected a JSON object"),
        (#"{"kind":"play"}"#, "message: expected a \"type\" string"),
        (#"{"type":"dance"}"#, "type: expected settings, play"),
        (#"{"type":"inspect","set":"train","index":1.5}"#, "inspect: expected"),
        (#"{"type":"settings","settings":5}"#, "settings: expected an object"),
        (#"{"type":"settings","settings":{"colour":"red"}}"#, "settings: expected keys among"),
        (#"{"type":"settings","settings":{"hiddenLayers":[9]}}"#, "hiddenLayers: expected at most 6 layers of 1…8 neurons"),
        (#"{"type":"settings","settings":{"hiddenLayers":[1,1,1,1,1,1,1]}}"#, "hiddenLayers: expected at most 6 layers"),
        (#"{"type":"settings","settings":{"learningRate":"fast"}}"#, "settings: learningRate: fast is not a valid value"),
        (#"{"type":"settings","settings":{"learningRate":-1}}"#, "learningRate: expected a number in"),
        (#"{"type":"settings","settings":{"dataSet":"mnist"}}"#, "settings: dataSet: mnist is not a valid value"),
        (#"{"type":"settings","settings":{"features":[]}}"#, "features: expected at least one feature"),
        (#"{"type":"settings","settings":{"features":["x1","x1"]}}"#, "features: expected at least one feature, none twice"),
        (#"{"type":"settings","settings":{"activation":"swish"}}"#, "activation: expected one of"),
        (#"{"type":"settings","settings":{"batchSize":0}}"#, "batchSize: expected"),
        (#"{"type":"settings","settings":{"stepsPerSecond":100000}}"#, "stepsPerSecond: expected a number in 1.0…5000.0"),
        (#"{"type":"settings","settings":{"points":5000}}"#, "points: expected"),
        (#"{"type":"settings","settings":{"seed":-3}}"#, "settings: seed: -3 is not a valid value"),
    ])
    func malformedMessagesAreNamedErrors(_ text: String, _ expected: String) {
        #expect {
            _ = try parse(text)
        } throws: { error in
            (error as? PlaygroundError)?.message.hasPrefix(expected) == true
        }
    }

    @Test func liveSettingsKeepTheNetwork() {
        var faster = PlaygroundSettings()
        faster.learningRate = 0.1
        faster.regularization = "l2"
        faster.batchSize = 20
        #expect(!PlaygroundSettings().needsReset(becoming: faster))
        var deeper = PlaygroundSettings()
        deeper.hiddenLayers = [8, 8, 8]
        #expect(PlaygroundSettings().needsReset(becoming: deeper))
    }

    @Test func theBatchShrinksWithTheTrainingSetUnlessAskedFor() throws {
        var current = PlaygroundSettings()
        current.batchSize = 50
        let fewer = try ClientMessage.parse(#"{"type":"settings","settings":{"points":100,"trainFraction":0.3}}"#, current: current, limits: limits)
        #expect(fewer == .settings({ var s = current; s.points = 100; s.trainFraction = 0.3; s.batchSize = 30; return s }()))
        #expect(throws: PlaygroundError.self) {
            try ClientMessage.parse(#"{"type":"settings","settings":{"points":100,"trainFraction":0.3,"batchSize":50}}"#, current: current, limits: limits)
        }
    }
}
