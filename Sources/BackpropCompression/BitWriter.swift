/// A least-significant-bit-first bit writer (the DEFLATE bit order, RFC 1951 §3.1.1).
///
/// Huffman codes must be passed already bit-reversed (``HuffmanCode`` stores them that way).
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var bitCount = 0

    init(reservingCapacity capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Total bits written so far.
    var bitPosition: Int { bytes.count * 8 + bitCount }

    /// Appends the low `count` bits of `value` (`count` ≤ 32).
    @inline(__always)
    mutating func write(_ value: UInt32, _ count: Int) {
        buffer |= UInt64(value) << UInt64(bitCount)
        bitCount += count
        if bitCount >= 32 {
            let word = UInt32(truncatingIfNeeded: buffer)
            bytes.append(UInt8(truncatingIfNeeded: word))
            bytes.append(UInt8(truncatingIfNeeded: word >> 8))
            bytes.append(UInt8(truncatingIfNeeded: word >> 16))
            bytes.append(UInt8(truncatingIfNeeded: word >> 24))
            buffer >>= 32
            bitCount -= 32
        }
    }

    /// Pads with zero bits to the next byte boundary and flushes the buffered whole bytes.
    mutating func alignToByte() {
        bitCount = (bitCount + 7) & ~7
        while bitCount > 0 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            bitCount -= 8
        }
    }

    /// Appends raw bytes; the writer must be byte-aligned (call ``alignToByte()`` first).
    mutating func append(_ raw: ArraySlice<UInt8>) {
        precondition(bitCount == 0, "BitWriter.append needs a byte-aligned writer, \(bitCount) bits pending")
        bytes += raw
    }

    /// The written bytes, the last one zero-padded.
    mutating func finish() -> [UInt8] {
        alignToByte()
        return bytes
    }
}
