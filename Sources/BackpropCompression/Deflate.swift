/// Compression into raw DEFLATE streams (RFC 1951).
///
/// LZ77 with hash chains (greedy at levels 1–3, lazy matching at 4–9, with zlib's search
/// parameters), then per block of up to 16 383 tokens the smallest of a dynamic-Huffman block
/// (length-limited codes), a fixed-Huffman block, or stored blocks. Level 0 writes stored blocks
/// only. Output is deterministic and read by zlib (Python's `zlib.decompress(data, -15)`).
///
/// ```swift
/// let packed = Deflate.compress(bytes, level: 9)
/// let back = try Inflate.decompress(packed)    // == bytes
/// ```
///
/// See Also: ``Inflate``, ``Zlib``, ``Gzip``.
public enum Deflate {
    /// Compresses `input` into a raw DEFLATE stream.
    ///
    /// - Parameters:
    ///   - input: the bytes to compress.
    ///   - level: 0 (stored, no compression) to 9 (smallest, slowest); values outside are
    ///     clamped. Default 6, as zlib.
    /// - Returns: the stream; incompressible input grows by about 5 bytes per 64 KiB.
    public static func compress(_ input: [UInt8], level: Int = 6) -> [UInt8] {
        DeflateEncoder.encode(input, level: min(max(level, 0), 9))
    }
}
