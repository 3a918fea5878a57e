/// A least-significant-bit-first reader over a byte buffer with a 64-bit bit buffer (the DEFLATE
/// bit order, RFC 1951 §3.1.1).
///
/// ``refill()`` tops the buffer up to at least 56 bits with one unaligned 8-byte load while eight
/// input bytes remain, byte by byte near the end. Beyond the end it appends zero bytes and counts
/// them in ``padBits``; ``isPastEnd`` tells whether any of those were consumed (truncated input).
struct BitReader {
    /// Start of the input; `nil` only for an empty input.
    let base: UnsafePointer<UInt8>?
    /// Input size in bytes.
    let count: Int
    /// Next byte to load into the buffer, counting padding bytes past the end.
    var position = 0
    /// Unconsumed bits, next bit in bit 0. Bits at and above `bitCount` may hold copies of the
    /// following input bytes (the branch-free refill relies on OR-ing identical bytes).
    var buffer: UInt64 = 0
    /// Number of valid bits in `buffer`.
    var bitCount = 0
    /// Zero bits appended past the end of the input so far.
    var padBits = 0

    init(_ input: UnsafeRawBufferPointer) {
        base = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        count = input.count
    }

    /// Whether bits past the end of the input have been consumed.
    @inline(__always)
    var isPastEnd: Bool { bitCount < padBits }

    /// The input bytes consumed so far, a partially consumed byte included.
    var consumedCount: Int { min(count, position - (bitCount >> 3)) }

    /// The byte holding the next unconsumed bit, for error messages.
    var byteOffset: Int { max(0, min(count, position - (bitCount >> 3))) }

    /// Ensures at least 56 buffered bits.
    @inline(__always)
    mutating func refill() {
        if position &+ 8 <= count, let base {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
            buffer |= word &<< UInt64(bitCount)
            position &+= (63 &- bitCount) &>> 3
            bitCount |= 56
        } else {
            refillSlowly()
        }
    }

    /// Byte-at-a-time refill near and past the end of the input.
    mutating func refillSlowly() {
        while bitCount <= 56 {
            var byte: UInt64 = 0
            if position < count, let base {
                byte = UInt64(base[position])
            } else {
                padBits += 8
            }
            buffer |= byte &<< UInt64(bitCount)
            position += 1
            bitCount += 8
        }
    }

    /// Consumes and returns the next `n` bits (`n` ≤ the buffered count, at most 32).
    @inline(__always)
    @discardableResult
    mutating func take(_ n: Int) -> UInt64 {
        let value = buffer & ((1 &<< UInt64(n)) &- 1)
        buffer &>>= UInt64(n)
        bitCount &-= n
        return value
    }

    /// Drops the buffered whole bytes (after byte alignment) and returns the byte position of
    /// the next unconsumed input byte; the caller continues reading at that position.
    mutating func rewindToByteBoundary() -> Int {
        let next = position - (bitCount >> 3)
        buffer = 0
        bitCount = 0
        padBits = 0
        position = next
        return next
    }

    /// `.truncated` at the end of the input.
    func truncation() -> CompressionError {
        CompressionError(.truncated, offset: count, "input ends in the middle of the stream")
    }

    /// `.invalidData` with `message` at the current byte, or `.truncated` when the bits that
    /// led here were padding past the end of the input.
    func failure(_ message: String) -> CompressionError {
        if isPastEnd { return truncation() }
        return CompressionError(.invalidData, offset: byteOffset, message)
    }
}
