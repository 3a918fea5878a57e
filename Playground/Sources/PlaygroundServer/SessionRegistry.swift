import Foundation

/// The sessions that run, at most ``PlaygroundLimits/maxSessions``, by id.
public actor SessionRegistry {
    /// The server's limits.
    public nonisolated let limits: PlaygroundLimits
    var sessions: [String: PlaygroundSession] = [:]

    /// An empty registry.
    public init(limits: PlaygroundLimits) { self.limits = limits }

    /// A new session with a fresh random id.
    ///
    /// - Throws: ``PlaygroundError`` when ``PlaygroundLimits/maxSessions`` already run.
    public func open() throws(PlaygroundError) -> PlaygroundSession {
        guard sessions.count < limits.maxSessions else {
            throw PlaygroundError("too many sessions: the server runs at most \(limits.maxSessions) at once; close another tab")
        }
        let session = try PlaygroundSession(id: UUID().uuidString.lowercased(), limits: limits)
        sessions[session.id] = session
        return session
    }

    /// Ends the session `id` (its socket closed or it idled out).
    public func close(_ id: String) { sessions[id] = nil }

    /// The session `id`, if it runs.
    public func session(_ id: String) -> PlaygroundSession? { sessions[id] }

    /// The number of sessions that run.
    public var count: Int { sessions.count }
}
