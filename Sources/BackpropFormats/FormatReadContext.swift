import BackpropIO

/// The ``ByteReader`` context of the binary readers of this module (npy, IDX, PNG, JPEG): a read
/// past the end becomes a ``FormatError`` of reason `.truncated` naming the file and the offset.
struct FormatReadContext: ByteReaderContext {
    /// The file path, or a name for in-memory data.
    let file: String

    func truncated(_ shortfall: ByteShortfall) -> FormatError {
        FormatError(.truncated, file: file, at: .byte(shortfall.offset),
                    expected: "\(shortfall.count) bytes of \(shortfall.what)", found: "\(shortfall.available) bytes left")
    }
}

extension ByteReader where Context == FormatReadContext {
    /// A reader over `bytes` whose errors name `file`, its cursor at `position`.
    init(_ bytes: [UInt8], file: String, position: Int = 0) {
        self.init(bytes, context: FormatReadContext(file: file), position: position)
    }

    /// The file the errors name.
    var file: String { context.file }

    /// An error at the cursor, or at `offset` when given.
    func error(_ reason: FormatError.Reason, expected: String, found: String, at offset: Int? = nil) -> FormatError {
        FormatError(reason, file: file, at: .byte(offset ?? position), expected: expected, found: found)
    }
}
