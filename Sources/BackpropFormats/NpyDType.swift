/// The element types of a NumPy array that Backprop reads and writes: every numeric dtype
/// NumPy writes except complex numbers.
///
/// The byte order is not part of the type; ``NpyArray/isLittleEndian`` holds it.
public enum NpyDType: String, Sendable, Equatable, CaseIterable {
    /// `bool` (`b1`): one byte, 0 or 1.
    case bool = "b1"
    /// `int8` (`i1`).
    case int8 = "i1"
    /// `int16` (`i2`).
    case int16 = "i2"
    /// `int32` (`i4`).
    case int32 = "i4"
    /// `int64` (`i8`).
    case int64 = "i8"
    /// `uint8` (`u1`).
    case uint8 = "u1"
    /// `uint16` (`u2`).
    case uint16 = "u2"
    /// `uint32` (`u4`).
    case uint32 = "u4"
    /// `uint64` (`u8`).
    case uint64 = "u8"
    /// `float16` (`f2`), IEEE 754 half precision.
    case float16 = "f2"
    /// `float32` (`f4`).
    case float32 = "f4"
    /// `float64` (`f8`).
    case float64 = "f8"

    /// The number of bytes of one element.
    public var itemSize: Int {
        switch self {
        case .bool, .int8, .uint8: 1
        case .int16, .uint16, .float16: 2
        case .int32, .uint32, .float32: 4
        case .int64, .uint64, .float64: 8
        }
    }

    /// Whether the type is a floating-point type.
    public var isFloatingPoint: Bool { self == .float16 || self == .float32 || self == .float64 }

    /// The NumPy name, as `np.dtype(...).name` prints it (`"float64"`).
    public var name: String {
        switch self {
        case .bool: "bool"
        case .int8: "int8"
        case .int16: "int16"
        case .int32: "int32"
        case .int64: "int64"
        case .uint8: "uint8"
        case .uint16: "uint16"
        case .uint32: "uint32"
        case .uint64: "uint64"
        case .float16: "float16"
        case .float32: "float32"
        case .float64: "float64"
        }
    }

    /// The `descr` string of a `.npy` header: `"<f8"`, `">i4"`, `"|u1"` (one-byte types have no
    /// byte order).
    public func descr(littleEndian: Bool) -> String {
        (itemSize == 1 ? "|" : littleEndian ? "<" : ">") + rawValue
    }

    /// Parses a `descr` string of a `.npy` header.
    ///
    /// - Returns: the type and whether it is little-endian (one-byte types report the
    ///   machine order, which does not matter for them).
    /// - Throws: ``FormatError`` with reason `.unsupported` for complex, object (pickled),
    ///   string, datetime and other non-numeric dtypes, `.invalid` for text that is no dtype.
    public static func parse(descr: String, file: String = "<bytes>") throws(FormatError) -> (NpyDType, littleEndian: Bool) {
        var text = Substring(descr)
        var littleEndian = true
        if let first = text.first, "<>|=".contains(first) {
            littleEndian = first != ">"
            text = text.dropFirst()
        }
        // NumPy spells a few one-byte types with letters only.
        let aliases: [Substring: String] = ["?": "b1", "b": "i1", "B": "u1", "e": "f2", "f": "f4", "d": "f8"]
        let code: Substring = aliases[text].map { Substring($0) } ?? text
        if let type = NpyDType(rawValue: String(code)) { return (type, littleEndian) }
        let kind = code.first.map(String.init) ?? ""
        let unsupported: [String: String] = [
            "O": "an object array (NumPy stores it pickled; Backprop never unpickles)",
            "c": "a complex dtype", "U": "a unicode string dtype", "S": "a byte string dtype",
            "a": "a byte string dtype", "V": "a void/structured dtype", "M": "a datetime dtype",
            "m": "a timedelta dtype", "f": "a float dtype of this size", "i": "an integer dtype of this size",
            "u": "an unsigned dtype of this size", "b": "a bool dtype of this size",
        ]
        if let what = unsupported[kind] {
            throw FormatError(
                .unsupported, file: file, expected: "a numeric dtype (bool, int8…int64, uint8…uint64, float16/32/64)",
                found: "\(what): \(quoted(descr))")
        }
        throw FormatError(.invalid, file: file, expected: "a NumPy dtype string such as '<f8'", found: quoted(descr))
    }
}
