import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import HummingbirdWSTesting
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOPosix
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

/// What the server sends on a WebSocket path, from its answer to the upgrade request until it
/// closes the connection, read off the bytes by hand (RFC 6455 §5.2) rather than by a WebSocket
/// client.
///
/// For a server that answers at once and hangs up (a refused tab): HummingbirdWSClient
/// (swift-websocket 1.6.2 on NIO 2.101) can lose the frames and the end of input that arrive
/// while it still switches its pipeline from HTTP to WebSocket, and then waits forever. The
/// session-limit test hung so about once in 30 runs; a capture on loopback showed the server's
/// 101, error frame, close frame and FIN all sent within 1 ms, and the client never read the error.
struct RawWebSocketExchange {
    /// The server's status line, such as `HTTP/1.1 101 Switching Protocols`.
    var statusLine: String
    /// The frames after the HTTP answer, in order: opcode (1 text, 2 binary, 8 close) and payload.
    var frames: [(opcode: UInt8, payload: [UInt8])]

    /// The close frame's status code (the first two bytes of its payload), if one came.
    var closeCode: Int? {
        guard let close = frames.first(where: { $0.opcode == 0x8 }), close.payload.count >= 2 else { return nil }
        return Int(close.payload[0]) << 8 | Int(close.payload[1])
    }

    /// Sends an upgrade request for `path` to 127.0.0.1:`port` and reads until the server closes.
    static func read(port: Int, path: String) async throws -> RawWebSocketExchange {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        let bytes = try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: [
                "GET \(path) HTTP/1.1", "Host: 127.0.0.1:\(port)", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13", "", "",
            ].joined(separator: "\r\n")))
            var bytes: [UInt8] = []
            for try await buffer in inbound { bytes += buffer.readableBytesView }
            return bytes
        }
        return try RawWebSocketExchange(bytes)
    }

    /// Parses an HTTP answer and the frames after it.
    ///
    /// - Throws: ``RawWebSocketError`` when the answer has no end of headers, a frame is cut
    ///   short, or a frame from the server is masked (a server never masks, RFC 6455 §5.1).
    init(_ bytes: [UInt8]) throws(RawWebSocketError) {
        let separator = Array("\r\n\r\n".utf8)
        guard let end = bytes.indices.dropLast(3).first(where: { bytes[$0..<$0 + 4].elementsEqual(separator) }) else {
            throw RawWebSocketError("no end of the HTTP headers in \(bytes.count) bytes")
        }
        let head = String(decoding: bytes[..<end], as: UTF8.self)
        statusLine = String(head.prefix { $0 != "\r" })
        frames = []
        var i = end + 4
        while i < bytes.count {
            let (opcode, payload, next) = try Self.frame(in: bytes, at: i)
            frames.append((opcode, payload))
            i = next
        }
    }

    /// The frame that starts at `start`: its opcode, its payload and where the next one starts.
    static func frame(in bytes: [UInt8], at start: Int) throws(RawWebSocketError) -> (UInt8, [UInt8], Int) {
        func need(_ count: Int, at i: Int) throws(RawWebSocketError) {
            guard bytes.count - i >= count else { throw RawWebSocketError("a frame at byte \(start) is cut short") }
        }
        try need(2, at: start)
        guard bytes[start + 1] & 0x80 == 0 else { throw RawWebSocketError("the server masked the frame at byte \(start)") }
        var i = start + 2, length = Int(bytes[start + 1] & 0x7f)
        let extra = length == 126 ? 2 : length == 127 ? 8 : 0
        if extra > 0 {
            try need(extra, at: i)
            length = bytes[i..<i + extra].reduce(0) { $0 << 8 | Int($1) }
            i += extra
        }
        try need(length, at: i)
        return (bytes[start] & 0x0f, Array(bytes[i..<i + length]), i + length)
    }
}

/// A server answer that ``RawWebSocketExchange`` cannot read.
struct RawWebSocketError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
