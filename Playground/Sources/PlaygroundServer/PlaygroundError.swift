/// What the playground answers to a message or request it cannot act on: the message of an
/// `error` reply (or of an HTTP 4xx body). Never a crash.
public struct PlaygroundError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One line naming the field or message, what was expected and what was found.
    public var message: String

    /// An error with its message.
    public init(_ message: String) { self.message = message }

    /// `field` was `found`, where `expected` was expected.
    static func invalid(_ field: String, expected: String, found: String) -> PlaygroundError {
        PlaygroundError("\(field): expected \(expected), found \(found)")
    }

    public var description: String { message }
}
