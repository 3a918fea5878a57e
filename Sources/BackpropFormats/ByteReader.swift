/// A bounds-checked cursor over bytes: every read checks the remaining length first and throws
/// a ``FormatError`` naming the offset instead of trapping.
struct ByteReader {
    let bytes: [UInt8]
    let file: String
    private(set) var offset: Int

    init(_ bytes: [UInt8], file: String, offset: Int = 0) {
        self.bytes = bytes
        self.file = file
        self.offset = offset
    }

    var remaining: Int { bytes.count - offset }
    var isAtEnd: Bool { offset >= bytes.count }

    /// Throws a truncation error unless `count` more bytes are available.
    func require(_ count: Int, for what: String) throws(FormatError) {
        guard count >= 0, count <= remaining else {
            throw FormatError(
                .truncated, file: file, at: .byte(offset),
                expected: "\(count) bytes of \(what)", found: "\(Swift.max(remaining, 0)) bytes left")
        }
    }

    mutating func skip(_ count: Int, for what: String = "data") throws(FormatError) {
        try require(count, for: what)
        offset += count
    }

    mutating func seek(to position: Int, for what: String = "data") throws(FormatError) {
        guard position >= 0, position <= bytes.count else {
            throw FormatError(
                .truncated, file: file, at: .byte(offset),
                expected: "\(what) at byte \(position)", found: "a file of \(bytes.count) bytes")
        }
        offset = position
    }

    mutating func bytes(_ count: Int, for what: String = "data") throws(FormatError) -> ArraySlice<UInt8> {
        try require(count, for: what)
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func uint8(_ what: String = "a byte") throws(FormatError) -> UInt8 {
        try require(1, for: what)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint16LE(_ what: String = "a 16-bit integer") throws(FormatError) -> UInt16 {
        try require(2, for: what)
        defer { offset += 2 }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    mutating func uint16BE(_ what: String = "a 16-bit integer") throws(FormatError) -> UInt16 {
        try require(2, for: what)
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    mutating func uint32LE(_ what: String = "a 32-bit integer") throws(FormatError) -> UInt32 {
        try require(4, for: what)
        defer { offset += 4 }
        var value: UInt32 = 0
        for i in (0..<4).reversed() { value = value << 8 | UInt32(bytes[offset + i]) }
        return value
    }

    mutating func uint32BE(_ what: String = "a 32-bit integer") throws(FormatError) -> UInt32 {
        try require(4, for: what)
        defer { offset += 4 }
        var value: UInt32 = 0
        for i in 0..<4 { value = value << 8 | UInt32(bytes[offset + i]) }
        return value
    }

    /// An error at the current offset.
    func error(_ reason: FormatError.Reason, expected: String, found: String, at position: Int? = nil) -> FormatError {
        FormatError(reason, file: file, at: .byte(position ?? offset), expected: expected, found: found)
    }
}
