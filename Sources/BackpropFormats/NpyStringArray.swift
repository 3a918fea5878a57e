/// A NumPy array of fixed-length strings, as `np.array([b"non-cat", b"cat"])` (`|S7`) or
/// `np.array(["non-cat", "cat"])` (`<U7`) stores them: the course's `list_classes`.
///
/// Strings are read, never used as numbers: ``NumPyArchive`` keeps them apart from its numeric
/// arrays, and a data set takes its class names from them.
///
///     let names = try NumPyFile.readStrings(bytes: member)   // shape [2], ["non-cat", "cat"]
public struct NpyStringArray: Sendable, Equatable {
    /// How the characters are stored.
    public enum Kind: Sendable, Equatable {
        /// `S` (or `a`): `length` bytes per string, padded with NULs; decoded as UTF-8.
        case bytes
        /// `U`: `length` UTF-32 code units per string, padded with zeros.
        case unicode

        /// The kind, characters per string and byte order of a `descr` such as `"|S7"` or
        /// `"<U5"`, or nil for any other dtype.
        static func parse(descr: String) -> (kind: Kind, length: Int, littleEndian: Bool)? {
            var text = Substring(descr)
            var littleEndian = true
            if let first = text.first, "<>|=".contains(first) {
                littleEndian = first != ">"
                text = text.dropFirst()
            }
            guard let code = text.first, let length = Int(text.dropFirst()), length > 0, length <= 1 << 20 else { return nil }
            switch code {
            case "S", "a": return (.bytes, length, littleEndian)
            case "U": return (.unicode, length, littleEndian)
            default: return nil
            }
        }

        /// Bytes per character.
        var unitSize: Int { self == .bytes ? 1 : 4 }
    }

    /// The dimensions, outermost first.
    public let shape: [Int]
    /// The strings in C (row-major) order, trailing padding removed.
    public let strings: [String]

    /// An array of `strings` with `shape` (whose product is `strings.count`).
    public init(shape: [Int], strings: [String]) {
        precondition(NpyArray.elementCount(shape) == strings.count, "NpyStringArray: \(strings.count) strings for shape \(shape)")
        self.shape = shape
        self.strings = strings
    }

    /// The strings of `data`, `length` characters each.
    ///
    /// - Throws: ``FormatError`` (`.mismatch`) when `data` does not hold the shape's strings,
    ///   `.invalid` for an overflowing shape.
    init(shape: [Int], kind: Kind, length: Int, littleEndian: Bool, data: ArraySlice<UInt8>, file: String) throws(FormatError) {
        let size = kind.unitSize * length
        let count = try NpyArray.byteCount(shape: shape, dtype: .uint8, file: file)
        let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
        guard !overflow, bytes == data.count else {
            throw FormatError(.mismatch, file: file, expected: "\(count) strings of \(size) bytes for shape \(NpyArray.describe(shape))",
                              found: "\(data.count) bytes")
        }
        self.shape = shape
        let start = data.startIndex
        self.strings = (0..<count).map { index in
            let item = data[(start + index * size)..<(start + (index + 1) * size)]
            return kind == .bytes ? Self.decodeBytes(item) : Self.decodeUnicode(item, littleEndian: littleEndian)
        }
    }

    /// A NUL-padded byte string as UTF-8 (invalid bytes become U+FFFD).
    static func decodeBytes(_ item: ArraySlice<UInt8>) -> String {
        let end = item.lastIndex { $0 != 0 }.map { $0 + 1 } ?? item.startIndex
        return String(decoding: item[item.startIndex..<end], as: UTF8.self)
    }

    /// Zero-padded UTF-32 code units (invalid ones become U+FFFD).
    static func decodeUnicode(_ item: ArraySlice<UInt8>, littleEndian: Bool) -> String {
        var scalars = String.UnicodeScalarView()
        var offset = item.startIndex
        while offset + 4 <= item.endIndex {
            let b = (0..<4).map { UInt32(item[offset + $0]) }
            let unit = littleEndian ? b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24 : b[3] | b[2] << 8 | b[1] << 16 | b[0] << 24
            offset += 4
            if unit == 0 { break }
            scalars.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
        }
        return String(scalars)
    }
}
