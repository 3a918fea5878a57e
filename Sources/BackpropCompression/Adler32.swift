/// The Adler-32 checksum of zlib streams (RFC 1950 §8.2); equal to Python's `zlib.adler32`.
///
/// `a = 1 + Σ bytes`, `b = Σ a` after each byte, both mod 65521; value = `b << 16 | a`.
/// The sums are reduced only every 5552 bytes, the most that cannot overflow 32 bits.
public struct Adler32: RunningChecksum, Sendable, Equatable {
    private var a: UInt32 = 1
    private var b: UInt32 = 0

    /// A checksum of zero bytes (`value == 1`).
    public init() {}

    /// The Adler-32 of all bytes passed to `update` so far.
    public var value: UInt32 { b << 16 | a }

    /// Adds `bytes` to the checksum.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        var a = self.a
        var b = self.b
        var index = 0
        let count = bytes.count
        while index < count {
            let end = min(count, index + 5552)
            while index < end {
                a &+= UInt32(base[index])
                b &+= a
                index += 1
            }
            a %= 65521
            b %= 65521
        }
        self.a = a
        self.b = b
    }
}
