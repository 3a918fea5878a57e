/// Appends little-endian fields to a growing HDF5 file or structure: the writer's counterpart
/// of ``HDF5ByteReader``. Addresses and lengths are 8 bytes, as in every file
/// ``HDF5Writer`` writes (its superblock says so).
struct HDF5ByteWriter {
    /// The bytes written so far.
    var bytes: [UInt8] = []

    /// The "undefined address" of the specification: every bit set.
    static let undefinedAddress = UInt64.max

    /// The number of bytes written so far, which is also the address of the next byte when
    /// the writer holds the whole file (its superblock at 0).
    var count: Int { bytes.count }

    mutating func uint8(_ value: UInt8) { bytes.append(value) }

    mutating func uint16(_ value: UInt16) { integer(value) }

    mutating func uint32(_ value: UInt32) { integer(value) }

    mutating func uint64(_ value: UInt64) { integer(value) }

    /// A file address (8 bytes); nil writes the undefined address.
    mutating func address(_ value: UInt64?) { uint64(value ?? HDF5ByteWriter.undefinedAddress) }

    /// An unsigned integer of `size` bytes (1, 2, 4 or 8), little-endian.
    mutating func uint(_ value: UInt64, size: Int) {
        precondition([1, 2, 4, 8].contains(size), "field of \(size) bytes")
        for k in 0..<size { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(k)))) }
    }

    mutating func append<C: Collection>(_ data: C) where C.Element == UInt8 { bytes.append(contentsOf: data) }

    /// `count` zero bytes.
    mutating func zeros(_ count: Int) { bytes.append(contentsOf: repeatElement(0, count: count)) }

    /// The ASCII bytes of a signature such as `OHDR`.
    mutating func signature(_ text: String) { bytes.append(contentsOf: Array(text.utf8)) }

    /// Overwrites the 8 bytes at `offset` with `value` (an address known only later).
    mutating func patch(_ value: UInt64, at offset: Int) {
        for k in 0..<8 { bytes[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
    }

    /// Appends the lookup3 checksum of the bytes from `start` to the end (version 2 structures).
    mutating func checksum(from start: Int) {
        uint32(Checksum.lookup3(bytes[start...]))
    }

    private mutating func integer<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
