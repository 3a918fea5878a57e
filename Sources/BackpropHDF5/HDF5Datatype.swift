/// The element type of a dataset or attribute, as far as this reader can convert it.
///
/// Integer ("fixed-point") and IEEE floating-point types of any width and byte order, and
/// fixed- and variable-length strings, are read. The other HDF5 classes (compound, enum,
/// bitfield, opaque, reference, array, time, variable-length sequences, complex) are kept as
/// ``unsupported(className:size:)`` so that listing a file still works and reading one names
/// the class.
public enum HDF5Datatype: Sendable, Equatable, CustomStringConvertible {
    /// A two's-complement (`signed`) or unsigned integer of `size` bytes.
    case integer(size: Int, signed: Bool, bigEndian: Bool)
    /// An IEEE 754 binary floating-point number of 2, 4 or 8 bytes.
    case float(size: Int, bigEndian: Bool)
    /// A string of exactly `length` bytes per element.
    case fixedString(length: Int, padding: StringPadding, utf8: Bool)
    /// A variable-length string stored in the global heap.
    case variableString(padding: StringPadding, utf8: Bool)
    /// A datatype class this reader does not convert, named as in the specification.
    case unsupported(className: String, size: Int)

    /// How the unused bytes of a string are filled.
    public enum StringPadding: String, Sendable, Equatable {
        /// Terminated by a NUL byte, bytes after it are ignored.
        case nullTerminated = "NULLTERM"
        /// Padded with NUL bytes.
        case nullPadded = "NULLPAD"
        /// Padded with spaces (Fortran style).
        case spacePadded = "SPACEPAD"
    }

    /// The size of one stored element in bytes (for variable-length strings, the size of the
    /// reference: a 4-byte length plus a global heap ID).
    public var size: Int {
        switch self {
        case .integer(let size, _, _), .float(let size, _): return size
        case .fixedString(let length, _, _): return length
        case .variableString: return -1
        case .unsupported(_, let size): return size
        }
    }

    /// A short readable name: `uint8`, `int64 (little-endian)`, `float32 (big-endian)`,
    /// `string (7 bytes, NULLPAD)`, `variable-length string (UTF-8)`, `compound (12 bytes)`.
    public var description: String {
        switch self {
        case .integer(let size, let signed, let bigEndian):
            let name = (signed ? "int" : "uint") + String(size * 8)
            return size == 1 ? name : "\(name) (\(bigEndian ? "big" : "little")-endian)"
        case .float(let size, let bigEndian):
            return "float\(size * 8) (\(bigEndian ? "big" : "little")-endian)"
        case .fixedString(let length, let padding, _):
            return "string (\(length) bytes, \(padding.rawValue))"
        case .variableString(_, let utf8):
            return "variable-length string (\(utf8 ? "UTF-8" : "ASCII"))"
        case .unsupported(let className, let size):
            return "\(className) (\(size) bytes)"
        }
    }

    /// Whether elements convert to numbers (`read(as:)`).
    public var isNumeric: Bool {
        switch self {
        case .integer, .float: return true
        default: return false
        }
    }

    /// Whether elements are strings (`readStrings()`).
    public var isString: Bool {
        switch self {
        case .fixedString, .variableString: return true
        default: return false
        }
    }
}

extension HDF5Datatype {
    /// Parses a datatype message (HDF5 specification IV.A.2.d).
    /// The datatype, its size in bytes, and where its significant bits lie when they do not fill
    /// an integer or float element (``BitField``; nil when they do).
    static func parse(_ c: inout HDF5ByteReader) throws(HDF5Error) -> (type: HDF5Datatype, size: Int, bits: BitField?) {
        let start = c.position
        let (type, bits) = try parseClass(&c)
        c.position = start + 4
        let size = Int(try c.uint32())
        guard size > 0 else { throw c.error(.malformed, "datatype of size 0", at: start + 4) }
        return (type, size, bits)
    }

    private static func parseClass(_ c: inout HDF5ByteReader) throws(HDF5Error) -> (HDF5Datatype, BitField?) {
        let start = c.position
        let classAndVersion = try c.uint8()
        let version = Int(classAndVersion >> 4)
        let typeClass = Int(classAndVersion & 0x0f)
        let bits0 = try c.uint8()
        let bits1 = try c.uint8()
        _ = try c.uint8()
        let size = Int(try c.uint32())
        guard (1...5).contains(version) else {
            throw c.error(.unsupportedVersion(structure: "datatype", version: version), "versions 1 to 5 are supported", at: start)
        }
        switch typeClass {
        case 0:  // fixed-point
            let offset = Int(try c.uint16())
            let precision = Int(try c.uint16())
            guard [1, 2, 4, 8].contains(size), precision >= 1, offset + precision <= size * 8 else {
                return (.unsupported(className: "integer with \(precision) bits at bit \(offset)", size: size), nil)
            }
            let type = HDF5Datatype.integer(size: size, signed: bits0 & 0x08 != 0, bigEndian: bits0 & 0x01 != 0)
            return (type, precision == size * 8 ? nil : BitField(precision: precision, offset: offset))
        case 1:  // floating point
            let offset = Int(try c.uint16())
            let precision = Int(try c.uint16())
            let exponentLocation = try c.uint8()
            let exponentSize = try c.uint8()
            let mantissaLocation = try c.uint8()
            let mantissaSize = try c.uint8()
            let bias = try c.uint32()
            let ieee: [Int: (UInt8, UInt8, UInt8, UInt32, UInt8)] = [
                2: (10, 5, 10, 15, 15), 4: (23, 8, 23, 127, 31), 8: (52, 11, 52, 1023, 63),
            ]
            let signLocation = bits1
            // IEEE, or IEEE without its `offset` lowest mantissa bits (n-bit): see BitField.
            guard let layout = ieee[size], bits0 & 0x40 == 0, offset < Int(layout.2), precision == size * 8 - offset,
                  exponentLocation == layout.0, exponentSize == layout.1, Int(mantissaLocation) == offset,
                  Int(mantissaSize) == Int(layout.2) - offset, bias == layout.3, signLocation == layout.4 else {
                return (.unsupported(className: "non-IEEE floating point", size: size), nil)
            }
            return (.float(size: size, bigEndian: bits0 & 0x01 != 0), offset == 0 ? nil : BitField(precision: precision, offset: offset))
        case 3:  // string
            guard let padding = StringPadding(code: bits0 & 0x0f) else {
                throw c.error(.malformed, "string padding code \(bits0 & 0x0f)", at: start + 1)
            }
            return (.fixedString(length: size, padding: padding, utf8: (bits0 >> 4) == 1), nil)
        case 9:  // variable length
            if bits0 & 0x0f == 1 {
                guard let padding = StringPadding(code: bits0 >> 4) else {
                    throw c.error(.malformed, "string padding code \(bits0 >> 4)", at: start + 1)
                }
                return (.variableString(padding: padding, utf8: bits1 & 0x0f == 1), nil)
            }
            return (.unsupported(className: "variable-length sequence", size: size), nil)
        default:
            let names = [2: "time", 4: "bitfield", 5: "opaque", 6: "compound", 7: "reference", 8: "enum", 10: "array", 11: "complex"]
            return (.unsupported(className: names[typeClass] ?? "datatype class \(typeClass)", size: size), nil)
        }
    }
}

extension HDF5Datatype.StringPadding {
    init?(code: UInt8) {
        switch code {
        case 0: self = .nullTerminated
        case 1: self = .nullPadded
        case 2: self = .spacePadded
        default: return nil
        }
    }
}
