/// Decompression of raw DEFLATE streams (RFC 1951), the format inside zlib, gzip, ZIP, PNG and
/// HDF5's deflate filter.
///
/// ```swift
/// let bytes = try Inflate.decompress(compressed)
/// ```
///
/// The decoder is table-driven (two-level Huffman tables, a 64-bit bit buffer) and checks
/// everything: invalid block types, stored-block LEN/NLEN mismatches, over-subscribed or
/// incomplete Huffman codes, distances before the start of the output, and truncation. Output is
/// capped by `maximumOutputCount` so a decompression bomb throws instead of exhausting memory.
///
/// See Also: ``Deflate``, ``Zlib``, ``Gzip``.
public enum Inflate {
    /// Decompresses one raw DEFLATE stream occupying the start of `input`; bytes after the final
    /// block are ignored.
    ///
    /// - Parameters:
    ///   - input: the compressed bytes.
    ///   - maximumOutputCount: the most bytes the output may hold (default 1 GiB).
    /// - Returns: the decompressed bytes.
    /// - Throws: ``CompressionError`` of kind `.truncated`, `.invalidData` or
    ///   `.outputLimitExceeded`, with the byte offset in `input`.
    public static func decompress(
        _ input: [UInt8], maximumOutputCount: Int = 1 << 30
    ) throws(CompressionError) -> [UInt8] {
        try input.withRawBytes { (raw) throws(CompressionError) in
            try InflateDecoder.decode(raw, limit: maximumOutputCount).output
        }
    }

    /// Decompresses one raw DEFLATE stream occupying the start of `input` and says how many
    /// input bytes it used, for containers that carry data after the stream (gzip trailers,
    /// concatenated streams).
    ///
    /// - Parameters:
    ///   - input: the compressed bytes; need not end where the stream ends.
    ///   - maximumOutputCount: the most bytes the output may hold (default 1 GiB).
    /// - Returns: the decompressed bytes and `consumedCount`, the number of bytes of `input` up to
    ///   and including the byte holding the last bit of the final block.
    /// - Throws: ``CompressionError`` of kind `.truncated`, `.invalidData` or
    ///   `.outputLimitExceeded`, with the byte offset in `input`.
    public static func decompress(
        _ input: UnsafeRawBufferPointer, maximumOutputCount: Int = 1 << 30
    ) throws(CompressionError) -> (output: [UInt8], consumedCount: Int) {
        try InflateDecoder.decode(input, limit: maximumOutputCount)
    }
}
