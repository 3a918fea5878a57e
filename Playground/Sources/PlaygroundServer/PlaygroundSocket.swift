import Foundation
import HummingbirdWebSocket

/// The WebSocket side of a session: greets the page, answers its messages, and sends a frame
/// about 30 times a second while training runs, until the page goes away or idles out.
enum PlaygroundSocket {
    /// What goes out: replies always, frames only as fast as the socket takes them.
    enum Outgoing: Sendable { case reply(String), frame(String) }

    /// Runs one connection: a session from `registry` (or an error and the end, when full).
    static func serve(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, registry: SessionRegistry) async throws {
        let session: PlaygroundSession
        do {
            session = try await registry.open()
        } catch {
            try await outbound.write(.text(ServerMessage.json(ServerMessage.ErrorReply(message: error.message))))
            try await outbound.close(.policyViolation, reason: "too many sessions")
            return
        }
        let (stream, continuation) = AsyncStream<Outgoing>.makeStream()
        for message in await session.greeting() { continuation.yield(.reply(message)) }
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await write(stream, to: outbound, session: session) }
                group.addTask { try await readMessages(inbound, session: session, continuation: continuation) }
                group.addTask { try await runClock(session: session, continuation: continuation) }
                _ = try await group.next()
                continuation.finish()
                group.cancelAll()
            }
        } catch {
            await registry.close(session.id)
            throw error
        }
        await registry.close(session.id)
    }

    static func write(_ stream: AsyncStream<Outgoing>, to outbound: WebSocketOutboundWriter, session: PlaygroundSession) async throws {
        for await item in stream {
            switch item {
            case .reply(let text): try await outbound.write(.text(text))
            case .frame(let text):
                try await outbound.write(.text(text))
                await session.frameWritten()
            }
        }
    }

    static func readMessages(_ inbound: WebSocketInboundStream, session: PlaygroundSession, continuation: AsyncStream<Outgoing>.Continuation) async throws {
        for try await message in inbound.messages(maxSize: session.limits.maxMessageBytes) {
            guard case .text(let text) = message else {
                continuation.yield(.reply(ServerMessage.json(ServerMessage.ErrorReply(message: "message: expected text (JSON), found binary"))))
                continue
            }
            for reply in await session.handle(text) { continuation.yield(.reply(reply)) }
        }
    }

    /// The interval between ticks: 30 a second.
    static let tickInterval = Duration.microseconds(33_333)

    /// Ticks the session every ``tickInterval`` (on a fixed cadence, so the work of a tick does
    /// not slow the frame rate); ends it (with an `error` message) when it idles out.
    static func runClock(session: PlaygroundSession, continuation: AsyncStream<Outgoing>.Continuation) async throws {
        var last = ContinuousClock.now, deadline = last
        while !Task.isCancelled {
            deadline = max(deadline + tickInterval, ContinuousClock.now - tickInterval)
            try await Task.sleep(until: deadline, clock: .continuous)
            let now = ContinuousClock.now, elapsed = now - last
            last = now
            if await session.isIdle(now: now) {
                continuation.yield(.reply(ServerMessage.json(ServerMessage.ErrorReply(
                    message: "session expired: no message for \(Int(session.limits.idleSeconds)) s; reload the page"))))
                try await Task.sleep(for: .milliseconds(100))
                return
            }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            if let frame = await session.tick(seconds: seconds) { continuation.yield(.frame(frame)) }
        }
    }
}
