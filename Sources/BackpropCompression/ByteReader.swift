/// Bounds-checked little-endian reads from a byte array for the ZIP parser.
struct ByteReader {
    let bytes: [UInt8]
    let format: String

    /// Whether `count` bytes starting at `offset` lie inside the input.
    func contains(_ offset: Int, count: Int) -> Bool {
        offset >= 0 && count >= 0 && offset <= bytes.count && count <= bytes.count - offset
    }

    /// Throws `.truncated` unless `count` bytes at `offset` lie inside the input.
    func require(_ offset: Int, count: Int, _ what: @autoclosure () -> String) throws(CompressionError) {
        guard contains(offset, count: count) else {
            throw CompressionError(.truncated, offset: max(0, min(offset, bytes.count)),
                                   "\(what()) (\(count) bytes at byte \(offset)) runs past the end of the \(bytes.count)-byte input",
                                   format: format)
        }
    }

    /// The unsigned little-endian integer of `size` bytes at `offset` (caller checked bounds).
    func uint(_ offset: Int, _ size: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in stride(from: size - 1, through: 0, by: -1) {
            value = value << 8 | UInt64(bytes[offset + index])
        }
        return value
    }

    func u16(_ offset: Int) -> Int { Int(uint(offset, 2)) }
    func u32(_ offset: Int) -> UInt32 { UInt32(uint(offset, 4)) }
    /// A 64-bit value as an `Int`, clamped to `Int.max` (sizes beyond it cannot be valid anyway).
    func u64(_ offset: Int) -> Int { Int(clamping: uint(offset, 8)) }
}
