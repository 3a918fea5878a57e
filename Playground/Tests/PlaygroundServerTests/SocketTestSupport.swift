import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import HummingbirdWSTesting
import HummingbirdWebSocket
import Logging
@testable import PlaygroundServer

/// A playground application on a free port of 127.0.0.1, with `limits`.
func testApplication(_ limits: PlaygroundLimits = PlaygroundLimits(), registry: SessionRegistry? = nil) -> some ApplicationProtocol {
    var logger = Logger(label: "playground-tests")
    logger.logLevel = .warning
    return PlaygroundApplication.make(PlaygroundConfiguration(host: "127.0.0.1", port: 0, limits: limits), registry: registry, logger: logger)
}

/// The test client's WebSocket settings: room for the `data` message.
let socketConfiguration = WebSocketClientConfiguration(maxFrameSize: 1 << 22)

/// Reads the server's messages as JSON objects.
struct MessageReader {
    var iterator: WebSocketInboundMessageStream.AsyncIterator

    init(_ inbound: WebSocketInboundStream) { iterator = inbound.messages(maxSize: 1 << 24).makeAsyncIterator() }

    /// The next message (nil when the socket closed).
    mutating func next() async throws -> [String: Any]? {
        guard let message = try await iterator.next() else { return nil }
        guard case .text(let text) = message,
              let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return [:] }
        return object
    }

    /// The next message of `type`, skipping others (frames); nil when the socket closed first.
    mutating func next(_ type: String) async throws -> [String: Any]? {
        while let message = try await next() {
            if message["type"] as? String == type { return message }
        }
        return nil
    }
}

extension WebSocketOutboundWriter {
    /// Sends one JSON message.
    func send(_ text: String) async throws { try await write(.text(text)) }
}
