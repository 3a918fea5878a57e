import Backprop
import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import HummingbirdWSTesting
import Testing
@testable import PlaygroundServer

/// Each test a minute at most: a socket that waits forever fails its test by name instead of
/// holding up the run (a hang of the WebSocket test client did so in CI; see RawWebSocketExchange).
@Suite(.timeLimit(.minutes(1))) struct PlaygroundSocketTests {
    @Test func aNewPageGetsHelloDataAndFramesOfTheDefaultNetworkTraining() async throws {
        _ = try await testApplication().test(.live) { client in
            try await client.ws("/ws", configuration: socketConfiguration) { inbound, outbound, _ in
                var reader = MessageReader(inbound)
                let hello = try #require(try await reader.next())
                #expect(hello["type"] as? String == "hello" && (hello["session"] as? String)?.count == 36)
                let data = try #require(try await reader.next())
                #expect(data["type"] as? String == "data" && data["layerSizes"] as? [Int] == [2, 8, 8, 2])
                #expect((data["train"] as? [[Double]])?.count == 200)
                // Frames follow by themselves (no message from the page), and training moves on.
                let first = try #require(try await reader.next("frame"))
                var later = first
                for _ in 0..<10 { later = try #require(try await reader.next("frame")) }
                #expect(later["playing"] as? Bool == true)
                #expect((later["step"] as? Int ?? 0) > (first["step"] as? Int ?? 0))
                #expect((later["neurons"] as? [[String]])?.map(\.count) == [2, 8, 8])
                #expect((Data(base64Encoded: later["output"] as? String ?? "")?.count) == 48 * 48)
                try await outbound.close(.normalClosure, reason: nil)
            }
        }
    }

    @Test func malformedMessagesGetErrorRepliesAndTheSessionGoesOn() async throws {
        _ = try await testApplication().test(.live) { client in
            try await client.ws("/ws", configuration: socketConfiguration) { inbound, outbound, _ in
                var reader = MessageReader(inbound)
                _ = try await reader.next("data")
                let bad = ["{", "null", #"{"type":7}"#, #"{"type":"settings","settings":{"hiddenLayers":[8,8,8,8,8,8,8]}}"#,
                           #"{"type":"inspect","set":"train","index":-1}"#, #"{"type":"settings","settings":{"noise":"NaN"}}"#]
                for text in bad {
                    try await outbound.send(text)
                    let error = try #require(try await reader.next("error"))
                    #expect((error["message"] as? String)?.isEmpty == false, "\(text)")
                }
                try await outbound.write(.binary(.init(bytes: [0, 1, 2])))
                #expect((try await reader.next("error"))?["message"] as? String == "message: expected text (JSON), found binary")
                // Still alive: a live change is confirmed, a structural one gets a new network.
                try await outbound.send(#"{"type":"settings","settings":{"learningRate":0.1,"regularization":"l1"}}"#)
                let settings = try #require(try await reader.next("settings"))
                #expect((settings["settings"] as? [String: Any])?["regularization"] as? String == "l1")
                try await outbound.send(#"{"type":"settings","settings":{"dataSet":"circles","hiddenLayers":[3]}}"#)
                let data = try #require(try await reader.next("data"))
                #expect(data["layerSizes"] as? [Int] == [2, 3, 2])
                try await outbound.close(.normalClosure, reason: nil)
            }
        }
    }

    @Test func pauseStepInspectAndGradientCheck() async throws {
        let registry = SessionRegistry(limits: PlaygroundLimits())
        _ = try await testApplication(registry: registry).test(.live) { client in
            try await client.ws("/ws", configuration: socketConfiguration) { inbound, outbound, _ in
                var reader = MessageReader(inbound)
                let hello = try #require(try await reader.next("hello"))
                try await outbound.send(#"{"type":"pause"}"#)
                var frame = try #require(try await reader.next("frame"))
                while frame["playing"] as? Bool != false { frame = try #require(try await reader.next("frame")) }
                let paused = frame["step"] as? Int ?? -1
                try await outbound.send(#"{"type":"step"}"#)
                frame = try #require(try await reader.next("frame"))
                #expect(frame["step"] as? Int == paused + 1)

                try await outbound.send(#"{"type":"inspect","set":"train","index":4}"#)
                let reply = try #require(try await reader.next("inspection"))
                let inspection = try #require(reply["inspection"] as? [String: Any])
                let layers = try #require(inspection["layers"] as? [[String: Any]])
                #expect(layers.count == 3)
                // dW of layer 2 as the library computes it for the same example and parameters.
                let session = try #require(await registry.session(hello["session"] as? String ?? ""))
                let model = await session.model
                let x = model.trainX.columns(at: [4]), y = model.trainY.columns(at: [4])
                let (output, caches) = model.network.forward(x)
                let dW2 = model.network.backward(output: output, caches: caches, targets: y).dW(2)
                // Equal up to the JSON round trip (Foundation's parser may differ in the last bit).
                let shown = try #require(layers[1]["dW"] as? [[Double]]).flatMap { $0 }
                #expect(shown.count == dW2.count)
                for (a, b) in zip(shown, dW2.elements) { #expect(abs(a - b) <= 1e-14 * max(abs(b), 1e-300), "\(a) vs \(b)") }

                try await outbound.send(#"{"type":"gradientCheck"}"#)
                let check = try #require(try await reader.next("gradientCheck"))
                #expect((check["relativeDifference"] as? Double ?? 1) < 1e-6)
                try await outbound.close(.normalClosure, reason: nil)
            }
        }
    }

    @Test func theSessionLimitTurnsAwayAnotherTab() async throws {
        var limits = PlaygroundLimits()
        limits.maxSessions = 1
        let registry = SessionRegistry(limits: limits)
        _ = try await testApplication(limits, registry: registry).test(.live) { client in
            try await client.ws("/ws", configuration: socketConfiguration) { inbound, outbound, _ in
                var reader = MessageReader(inbound)
                _ = try await reader.next("data")
                // The second tab is refused at once: read by hand (see RawWebSocketExchange).
                let refused = try await RawWebSocketExchange.read(port: try #require(client.port), path: "/ws")
                #expect(refused.statusLine.hasPrefix("HTTP/1.1 101 "))
                #expect(refused.frames.map(\.opcode) == [0x1, 0x8], "a text frame, then a close frame")
                let error = try refused.frames.first.flatMap { try JSONSerialization.jsonObject(with: Data($0.payload)) as? [String: Any] }
                #expect((error?["message"] as? String)?.hasPrefix("too many sessions") == true)
                #expect(refused.closeCode == 1008, "policy violation")
                try await outbound.close(.normalClosure, reason: nil)
            }
            // The closed tab's session ends, so another may start.
            for _ in 0..<50 where await registry.count > 0 { try await Task.sleep(for: .milliseconds(20)) }
            #expect(await registry.count == 0)
        }
    }

    @Test func anIdleSessionExpires() async throws {
        var limits = PlaygroundLimits()
        limits.idleSeconds = 0.3
        let registry = SessionRegistry(limits: limits)
        _ = try await testApplication(limits, registry: registry).test(.live) { client in
            try await client.ws("/ws", configuration: socketConfiguration) { inbound, _, _ in
                var reader = MessageReader(inbound)
                let error = try await reader.next("error")
                #expect((error?["message"] as? String)?.hasPrefix("session expired") == true)
                while try await reader.next() != nil {}
            }
            #expect(await registry.count == 0)
        }
    }

    @Test func tooLargeAMessageClosesTheSocket() async throws {
        _ = try await testApplication().test(.live) { client in
            let close = try await client.ws("/ws", configuration: socketConfiguration) { inbound, outbound, _ in
                var reader = MessageReader(inbound)
                _ = try await reader.next("data")
                try await outbound.send(String(repeating: " ", count: 20_000))
                while try await reader.next() != nil {}
            }
            #expect(close?.closeCode == .messageTooLarge)
        }
    }
}
