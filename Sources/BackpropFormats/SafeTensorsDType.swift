/// The element types of the safetensors format, spelled as in the file's JSON header.
///
/// Every element is stored little-endian. Backprop writes `F32` and `F64` (parameters) and `I64`
/// (counters); it reads every type below and converts the numeric ones to `Float`/`Double`.
///
/// See Also: ``SafeTensorsFile``, ``SafeTensor``.
public enum SafeTensorsDType: String, Sendable, CaseIterable, Equatable {
    case bool = "BOOL"
    case uint8 = "U8"
    case int8 = "I8"
    case uint16 = "U16"
    case int16 = "I16"
    case uint32 = "U32"
    case int32 = "I32"
    case uint64 = "U64"
    case int64 = "I64"
    case float16 = "F16"
    case bfloat16 = "BF16"
    case float32 = "F32"
    case float64 = "F64"
    case float8E4M3 = "F8_E4M3"
    case float8E5M2 = "F8_E5M2"

    /// The NumPy type with the same encoding: every type but `BF16` and the 8-bit floats.
    var npyType: NpyDType? {
        switch self {
        case .bool: .bool
        case .uint8: .uint8
        case .int8: .int8
        case .uint16: .uint16
        case .int16: .int16
        case .uint32: .uint32
        case .int32: .int32
        case .uint64: .uint64
        case .int64: .int64
        case .float16: .float16
        case .float32: .float32
        case .float64: .float64
        case .bfloat16, .float8E4M3, .float8E5M2: nil
        }
    }

    /// Bytes per element.
    public var byteSize: Int { npyType?.itemSize ?? (self == .bfloat16 ? 2 : 1) }

    /// Whether ``SafeTensor/doubles()`` can convert this type (all but the 8-bit float formats).
    public var isConvertible: Bool { self != .float8E4M3 && self != .float8E5M2 }

    /// Decodes element `index` of little-endian `bytes` (which holds elements of this type) as a
    /// `Double`. Precondition: the type ``isConvertible`` and the index is inside `bytes`.
    func value(in bytes: ArraySlice<UInt8>, at index: Int) -> Double {
        let start = bytes.startIndex + index * byteSize
        var raw: UInt64 = 0
        for k in 0..<byteSize { raw |= UInt64(bytes[start + k]) << (8 * UInt64(k)) }
        if self == .bfloat16 { return Double(Float(bitPattern: UInt32(raw) << 16)) }
        guard let npyType else { preconditionFailure("\(rawValue) is not convertible") }
        return NpyArray.decode(raw, as: npyType)
    }
}

