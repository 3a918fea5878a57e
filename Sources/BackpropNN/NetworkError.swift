/// An invalid value given to a network function by its caller: a layer size, a learning rate,
/// a label, a batch size. Each names the argument, the value found and what was expected.
///
/// Shape mismatches between matrices inside a computation are programmer errors and stop the
/// program with both shapes instead; this error is for values that come from users.
public struct NetworkError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The argument at fault, as the caller spells it (for example `layerDims[2]`).
    public var argument: String
    /// The offending value, as text.
    public var value: String
    /// What was expected instead.
    public var expected: String

    /// An error for `argument`, which was `value` but should have been `expected`.
    public init(argument: String, value: String, expected: String) {
        self.argument = argument
        self.value = value
        self.expected = expected
    }

    /// "invalid ARGUMENT: got VALUE, expected EXPECTED".
    public var description: String { "invalid \(argument): got \(value), expected \(expected)" }
}
