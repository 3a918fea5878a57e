/// Reads little-endian fields from a block of bytes read from the file, throwing `.truncated`
/// with the absolute file offset when a field runs past the end of the block.
struct ByteCursor {
    /// The block's bytes.
    let bytes: [UInt8]
    /// The absolute file offset of `bytes[0]`.
    let origin: UInt64
    /// The structure being read, for error messages ("object header", "v1 B-tree node"...).
    let structure: String
    /// The file's path, for error messages.
    let file: String
    /// Size of file addresses ("offsets") and of lengths, from the superblock.
    let offsetSize: Int
    let lengthSize: Int
    /// The index of the next byte to read.
    var position = 0

    init(_ bytes: [UInt8], origin: UInt64, structure: String, file: String, offsetSize: Int = 8, lengthSize: Int = 8) {
        self.bytes = bytes
        self.origin = origin
        self.structure = structure
        self.file = file
        self.offsetSize = offsetSize
        self.lengthSize = lengthSize
    }

    /// The bytes left after `position`.
    var remaining: Int { bytes.count - position }
    /// The absolute file offset of the next byte.
    var fileOffset: UInt64 { origin &+ UInt64(position) }

    func error(_ kind: HDF5Error.Kind, _ found: String, at index: Int? = nil) -> HDF5Error {
        HDF5Error(kind, file: file, offset: origin &+ UInt64(index ?? position), found: "\(structure): \(found)")
    }

    mutating func need(_ count: Int) throws(HDF5Error) {
        guard count >= 0, count <= remaining else {
            throw error(.truncated, "needs \(count) more bytes, \(remaining) left")
        }
    }

    mutating func skip(_ count: Int) throws(HDF5Error) {
        try need(count)
        position += count
    }

    mutating func u8() throws(HDF5Error) -> UInt8 {
        try need(1)
        defer { position += 1 }
        return bytes[position]
    }

    mutating func u16() throws(HDF5Error) -> UInt16 { UInt16(try uint(2)) }
    mutating func u32() throws(HDF5Error) -> UInt32 { UInt32(try uint(4)) }
    mutating func u64() throws(HDF5Error) -> UInt64 { try uint(8) }

    /// An unsigned little-endian integer of `size` bytes (1...8).
    mutating func uint(_ size: Int) throws(HDF5Error) -> UInt64 {
        guard size >= 0, size <= 8 else { throw error(.malformed, "integer field of \(size) bytes") }
        try need(size)
        var value: UInt64 = 0
        for k in 0..<size { value |= UInt64(bytes[position + k]) << (8 * UInt64(k)) }
        position += size
        return value
    }

    /// A file address (size of offsets bytes); `nil` for the undefined address (all bits set).
    mutating func address() throws(HDF5Error) -> UInt64? {
        let value = try uint(offsetSize)
        let undefined: UInt64 = offsetSize >= 8 ? .max : (UInt64(1) << (8 * UInt64(offsetSize))) - 1
        return value == undefined ? nil : value
    }

    /// A length (size of lengths bytes).
    mutating func length() throws(HDF5Error) -> UInt64 { try uint(lengthSize) }

    /// A length that must also fit an `Int` no larger than `limit` (usually the file size).
    mutating func count(_ size: Int, limit: UInt64, what: String) throws(HDF5Error) -> Int {
        let start = position
        let value = try uint(size)
        guard value <= limit, value <= UInt64(Int.max) else {
            throw error(.sizeTooLarge, "\(what) is \(value), more than the limit \(limit)", at: start)
        }
        return Int(value)
    }

    /// `count` raw bytes.
    mutating func take(_ count: Int) throws(HDF5Error) -> [UInt8] {
        try need(count)
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    /// Checks a 4-byte ASCII signature.
    mutating func signature(_ expected: String) throws(HDF5Error) {
        let start = position
        let found = try take(4)
        guard found == Array(expected.utf8) else {
            let text = String(decoding: found.map { $0 >= 32 && $0 < 127 ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
            throw error(.badSignature, "expected \"\(expected)\", found \"\(text)\"", at: start)
        }
    }

    /// Verifies the lookup3 checksum of `bytes[0..<position]` stored in the next 4 bytes.
    mutating func verifyChecksum(from start: Int = 0) throws(HDF5Error) {
        let end = position
        let stored = try u32()
        let computed = Checksum.lookup3(bytes[start..<end])
        guard stored == computed else {
            throw error(.checksumMismatch, "stored checksum 0x\(String(stored, radix: 16)), computed 0x\(String(computed, radix: 16))", at: end)
        }
    }

    /// A NUL-terminated string (the terminator is consumed); at most `limit` bytes.
    mutating func cString(limit: Int = 1 << 16) throws(HDF5Error) -> String {
        var end = position
        while end < bytes.count, bytes[end] != 0 {
            end += 1
            if end - position > limit { throw error(.sizeTooLarge, "string longer than \(limit) bytes") }
        }
        guard end < bytes.count else { throw error(.truncated, "string without its terminating NUL") }
        defer { position = end + 1 }
        return String(decoding: bytes[position..<end], as: UTF8.self)
    }
}

/// The number of bytes HDF5 uses to encode values up to `maximum`: `floor(log2(maximum)) / 8 + 1`.
func encodedSize(_ maximum: UInt64) -> Int {
    maximum == 0 ? 1 : (63 - maximum.leadingZeroBitCount) / 8 + 1
}
