/// Where the significant bits of an integer or float element lie when they do not fill it:
/// `precision` bits starting at bit `offset` (HDF5 datatype properties, set for example with
/// `H5Tset_precision`/`H5Tset_offset` for the n-bit filter). The other bits are padding.
///
/// Integers are read as the `precision`-bit number at `offset`, sign-extended when signed.
/// Floats are read when their layout is IEEE with the low mantissa bits dropped (`offset` =
/// mantissa position, `precision` = the rest): with the padding cleared they are IEEE values.
struct BitField: Sendable, Equatable {
    var precision: Int
    var offset: Int

    /// The elements of `bytes` (`size` bytes each) with the padding removed: integers shifted
    /// down and sign- or zero-extended to the full width, floats with the low bits cleared.
    func normalize(_ bytes: [UInt8], datatype: HDF5Datatype) -> [UInt8] {
        guard let size = [1, 2, 4, 8].first(where: { $0 == datatype.size }), precision + offset <= size * 8 else { return bytes }
        var out = bytes
        let isFloat: Bool, signed: Bool, bigEndian: Bool
        switch datatype {
        case .integer(_, let s, let b): (isFloat, signed, bigEndian) = (false, s, b)
        case .float(_, let b): (isFloat, signed, bigEndian) = (true, false, b)
        default: return bytes
        }
        bytes.withUnsafeBufferPointer { source in
            for start in stride(from: 0, to: bytes.count - size + 1, by: size) {
                let raw = ElementBlock.load(source, at: start, size: size, bigEndian: bigEndian)
                storeElement(isFloat ? clearPadding(raw) : extract(raw, signed: signed), size: size, bigEndian: bigEndian,
                             into: &out, at: start)
            }
        }
        return out
    }

    /// The significant bits, in place, the padding zero.
    private func clearPadding(_ raw: UInt64) -> UInt64 { raw & (mask << UInt64(offset)) }

    /// The significant bits as a number, sign-extended from bit `precision - 1` when signed.
    private func extract(_ raw: UInt64, signed: Bool) -> UInt64 {
        let value = (raw >> UInt64(offset)) & mask
        guard signed, precision < 64 else { return value }
        let shift = UInt64(64 - precision)
        return UInt64(bitPattern: Int64(bitPattern: value << shift) >> Int64(shift))
    }

    private var mask: UInt64 { precision >= 64 ? .max : (1 << UInt64(precision)) - 1 }
}
