import BackpropIO

/// The ``ByteReader`` context of the HDF5 reader: the file, the structure being read (for
/// messages: "object header", "v1 B-tree node"...), the absolute file offset of the block's
/// first byte, and the superblock's sizes of addresses and lengths.
struct HDF5ReadContext: ByteReaderContext {
    /// The file's path, for error messages.
    let file: String
    /// The structure being read, for error messages.
    let structure: String
    /// The absolute file offset of `bytes[0]`.
    let origin: UInt64
    /// Size of file addresses ("offsets") in bytes, from the superblock.
    let offsetSize: Int
    /// Size of lengths in bytes, from the superblock.
    let lengthSize: Int

    /// `.truncated` at the absolute offset of the read: "needs N more bytes, M left".
    func truncated(_ shortfall: ByteShortfall) -> HDF5Error {
        HDF5Error(.truncated, file: file, offset: origin &+ UInt64(shortfall.offset),
                  found: "\(structure): needs \(shortfall.count) more bytes, \(shortfall.total - shortfall.offset) left")
    }
}

/// Reads little-endian fields from a block of bytes read from an HDF5 file, throwing
/// ``HDF5Error`` (`.truncated`, with the absolute file offset) when a field runs past the block.
typealias HDF5ByteReader = ByteReader<HDF5ReadContext>

extension ByteReader where Context == HDF5ReadContext {
    /// A reader over a block whose first byte is at file offset `origin`.
    init(_ bytes: [UInt8], origin: UInt64, structure: String, file: String, offsetSize: Int = 8, lengthSize: Int = 8) {
        self.init(bytes, context: HDF5ReadContext(file: file, structure: structure, origin: origin,
                                                  offsetSize: offsetSize, lengthSize: lengthSize))
    }

    /// The absolute file offset of `bytes[0]`.
    var origin: UInt64 { context.origin }
    /// The structure being read, for error messages.
    var structure: String { context.structure }
    /// The file's path, for error messages.
    var file: String { context.file }
    /// Size of file addresses in bytes.
    var offsetSize: Int { context.offsetSize }
    /// Size of lengths in bytes.
    var lengthSize: Int { context.lengthSize }
    /// The absolute file offset of the next byte.
    var fileOffset: UInt64 { origin &+ UInt64(position) }

    /// An error of `kind` at the cursor (or at `index` of the block), prefixed by the structure.
    func error(_ kind: HDF5Error.Kind, _ found: String, at index: Int? = nil) -> HDF5Error {
        HDF5Error(kind, file: file, offset: origin &+ UInt64(index ?? position), found: "\(structure): \(found)")
    }

    /// An unsigned little-endian integer of `size` bytes, a size read from the file: `.malformed`
    /// unless it is 0...8.
    mutating func uint(_ size: Int) throws(HDF5Error) -> UInt64 {
        guard size >= 0, size <= 8 else { throw error(.malformed, "integer field of \(size) bytes") }
        return try uint(size: size)
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
    mutating func take(_ count: Int) throws(HDF5Error) -> [UInt8] { Array(try bytes(count)) }

    /// Checks a 4-byte ASCII signature.
    mutating func signature(_ expected: String) throws(HDF5Error) {
        let start = position
        let found = try bytes(4)
        guard found.elementsEqual(expected.utf8) else {
            let text = String(decoding: found.map { $0 >= 32 && $0 < 127 ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
            throw error(.badSignature, "expected \"\(expected)\", found \"\(text)\"", at: start)
        }
    }

    /// Checks a 4-byte ASCII signature, then a version byte that must be 0 (the version of every
    /// signed structure this reader knows): `.unsupportedVersion` of `structure`, with
    /// `expected` as the message, at byte 4 otherwise.
    mutating func signature(_ expected: String, version0Of structure: String, expected message: String) throws(HDF5Error) {
        try signature(expected)
        let version = Int(try uint8())
        guard version == 0 else { throw error(.unsupportedVersion(structure: structure, version: version), message, at: 4) }
    }

    /// Verifies the lookup3 checksum of `bytes[start..<position]` stored in the next 4 bytes.
    mutating func verifyChecksum(from start: Int = 0) throws(HDF5Error) {
        let end = position
        let stored = try uint32()
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
