extension HDF5Datatype {
    /// The datatype message body (HDF5 specification IV.A.2.d, version 1) of a type
    /// ``HDF5Array`` holds; ``parse(_:)`` reads it back.
    ///
    /// - integer: class 0, bit 0 byte order, bit 3 signed; bit offset 0, precision `8 × size`;
    /// - float: class 1, IEEE layout (sign bit, exponent and mantissa positions, bias) with the
    ///   implied leading mantissa bit (normalization 2);
    /// - fixed-length string: class 3, padding in bits 0–3, character set (0 ASCII, 1 UTF-8)
    ///   in bits 4–7.
    func encoded() -> [UInt8] {
        var w = HDF5ByteWriter()
        switch self {
        case .integer(let size, let signed, let bigEndian):
            header(&w, typeClass: 0, bits: (bigEndian ? 0x01 : 0) | (signed ? 0x08 : 0), 0, size: size)
            w.uint16(0)
            w.uint16(UInt16(size * 8))
        case .float(let size, let bigEndian):
            let ieee: [Int: (exponentLocation: UInt8, exponentSize: UInt8, mantissaSize: UInt8, bias: UInt32)] = [
                2: (10, 5, 10, 15), 4: (23, 8, 23, 127), 8: (52, 11, 52, 1023),
            ]
            let layout = ieee[size]!
            header(&w, typeClass: 1, bits: 0x20 | (bigEndian ? 0x01 : 0), UInt8(size * 8 - 1), size: size)
            w.uint16(0)
            w.uint16(UInt16(size * 8))
            w.uint8(layout.exponentLocation)
            w.uint8(layout.exponentSize)
            w.uint8(0)
            w.uint8(layout.mantissaSize)
            w.uint32(layout.bias)
        case .fixedString(let length, let padding, let utf8):
            header(&w, typeClass: 3, bits: padding.code | (utf8 ? 0x10 : 0), 0, size: length)
        case .variableString, .unsupported:
            preconditionFailure("the writer does not encode \(self)")
        }
        return w.bytes
    }

    private func header(_ w: inout HDF5ByteWriter, typeClass: UInt8, bits: UInt8, _ bits1: UInt8, size: Int) {
        w.uint8(0x10 | typeClass)
        w.uint8(bits)
        w.uint8(bits1)
        w.uint8(0)
        w.uint32(UInt32(size))
    }
}

extension HDF5Datatype.StringPadding {
    /// The padding's code in a string datatype (the inverse of ``init(code:)``).
    var code: UInt8 {
        switch self {
        case .nullTerminated: return 0
        case .nullPadded: return 1
        case .spacePadded: return 2
        }
    }
}
