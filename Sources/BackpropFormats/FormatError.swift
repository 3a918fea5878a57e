/// The one error every reader and writer of BackpropFormats throws.
///
/// It names the file (or the in-memory source), where in it the problem is (a byte offset, or a
/// line and column for text), what the format expected there and what was found, for example
///
///     train.npy, byte 10: expected a header dictionary, found "[1, 2]"
///     iris.csv, line 7, column 3: expected a number, found "setosa"
///
/// Readers never crash on bad input and never guess: anything they cannot read with certainty
/// becomes a `FormatError`.
public struct FormatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kind of problem, for callers that want to react differently to each.
    public enum Reason: Sendable, Equatable {
        /// The data ended before the format said it would.
        case truncated
        /// The bytes or text break the format's rules (wrong magic, bad checksum, bad syntax).
        case invalid
        /// Valid for the format, but a feature Backprop does not read (complex dtypes,
        /// arithmetic-coded JPEG, ...).
        case unsupported
        /// Two parts of the input disagree (a shape that does not fit the data, a row with the
        /// wrong number of fields, labels and images of different counts).
        case mismatch
        /// The file system could not read the file (missing, no permission, a read error).
        case unreadable
        /// The file system refused to write the file: a folder that is missing or not writable,
        /// a full disk, a failed flush or rename. The previous file at the path is left intact.
        case unwritable
        /// What the input asks for needs more memory than the `MemoryBudget` in force (or than
        /// `Int` can count): a header's shape, a label value used as a class count.
        case tooLarge
        /// The path names another kind of thing than the reader expects: a folder, or a file
        /// whose first bytes say it is another format (`FileSignature`). `found`
        /// says what it is ("an HDF5 file", "a folder"), `expected` what was wanted ("a model").
        case wrongKind
    }

    /// Where in the input the problem is.
    public enum Location: Sendable, Equatable {
        /// A byte offset from the start of the file (or of the member, for archives).
        case byte(Int)
        /// A 1-based line and, when known, 1-based column (CSV: the field number).
        case line(Int, column: Int?)
    }

    /// The kind of problem.
    public var reason: Reason
    /// The file path, or a name for in-memory data such as `"<bytes>"` or `"data.npz:x.npy"`.
    public var file: String
    /// Where in `file` the problem is, when it has a place.
    public var location: Location?
    /// What the format expected.
    public var expected: String
    /// What was found instead.
    public var found: String

    /// Makes an error; see the properties for the meaning of each argument.
    public init(_ reason: Reason, file: String, at location: Location? = nil, expected: String, found: String) {
        self.reason = reason
        self.file = file
        self.location = location
        self.expected = expected
        self.found = found
    }

    /// The refusal of a `MemoryBudget` check, for `file`: expected "at most <budget>",
    /// found what was asked for.
    public init(_ exceeded: MemoryBudgetExceeded, file: String) {
        let size = exceeded.requestedBytes.map(MemoryBudget.format(bytes:)) ?? "more than 8 EiB"
        self.init(.tooLarge, file: file, expected: "at most \(MemoryBudget.format(bytes: exceeded.budgetBytes)) (the memory budget)",
                  found: "\(exceeded.what) needing \(size)")
    }

    /// `file, byte 10: expected ..., found ...`; for ``Reason/wrongKind``,
    /// `file: this is an HDF5 file, not a model`.
    public var description: String {
        if reason == .wrongKind { return "\(file): this is \(found), not \(expected)" }
        var text = file
        switch location {
        case .byte(let offset)?: text += ", byte \(offset)"
        case .line(let line, let column)?:
            text += ", line \(line)"
            if let column { text += ", column \(column)" }
        case nil: break
        }
        return text + ": expected \(expected), found \(found)"
    }

    /// The same error with `file` replaced, for readers that parse bytes on behalf of a path.
    func inFile(_ name: String) -> FormatError {
        var copy = self
        copy.file = name
        return copy
    }
}

/// Quotes a short excerpt of text for an error message (at most 40 characters).
func quoted(_ text: some StringProtocol) -> String {
    let excerpt = text.count > 40 ? String(text.prefix(40)) + "…" : String(text)
    return "\"" + excerpt + "\""
}

/// Describes up to 8 bytes in hex for an error message.
func hexBytes(_ bytes: some Collection<UInt8>) -> String {
    if bytes.isEmpty { return "no bytes" }
    let shown = bytes.prefix(8).map { byte in
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }
    return shown.joined(separator: " ") + (bytes.count > 8 ? " …" : "")
}
