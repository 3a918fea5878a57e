/// Why a filter could not undo a chunk: the kind of ``HDF5Error`` and what was found.
/// ``HDF5Filter/decode(_:filters:mask:expected:elementSize:place:)`` adds the file and the
/// chunk's address.
struct FilterFailure: Error {
    var kind: HDF5Error.Kind
    var found: String

    init(_ kind: HDF5Error.Kind, _ found: String) {
        self.kind = kind
        self.found = found
    }
}

/// Reads unsigned fields of 0 to 64 bits from a byte stream, most significant bit first, fields
/// packed back to back across byte boundaries: the packing of HDF5's scale-offset and n-bit
/// filters.
///
/// ```
/// bytes  1011_0110 0100_0000      fields of 3 bits: 101, 101, 100, 100
/// ```
struct PackedBits {
    let bytes: [UInt8]
    let start: Int
    /// The next bit to read, counted from bit 7 of `bytes[start]`.
    private(set) var position = 0

    /// A reader of the bits of `bytes[start...]`.
    init(_ bytes: [UInt8], start: Int) {
        self.bytes = bytes
        self.start = start
    }

    /// Whether `count` fields of `width` bits fit in the bytes after `start`.
    static func fits(_ count: Int, width: Int, in bytes: [UInt8], start: Int) -> Bool {
        let (bits, overflow) = count.multipliedReportingOverflow(by: width)
        return !overflow && start <= bytes.count && (bits + 7) / 8 <= bytes.count - start
    }

    /// The next `width` bits (0...64) as an unsigned number; the caller has checked with
    /// ``fits(_:width:in:start:)`` that they are there.
    mutating func read(_ width: Int) -> UInt64 {
        var value: UInt64 = 0
        var remaining = width
        while remaining > 0 {
            let byte = bytes[start + position >> 3]
            let used = position & 7
            let take = min(remaining, 8 - used)
            let bits = (UInt64(byte) >> UInt64(8 - used - take)) & ((1 << UInt64(take)) - 1)
            value = value << UInt64(take) | bits
            position += take
            remaining -= take
        }
        return value
    }
}

/// Stores the low `size` bytes of `value` at `offset` in `bytes`, in the given byte order.
@inline(__always)
func storeElement(_ value: UInt64, size: Int, bigEndian: Bool, into bytes: inout [UInt8], at offset: Int) {
    for k in 0..<size {
        let byte = UInt8(truncatingIfNeeded: value >> UInt64(8 * k))
        bytes[offset + (bigEndian ? size - 1 - k : k)] = byte
    }
}
