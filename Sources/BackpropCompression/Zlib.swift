/// The zlib container (RFC 1950): a 2-byte header, a raw DEFLATE stream, and the big-endian
/// Adler-32 of the uncompressed data. Used by PNG `IDAT` chunks and HDF5's deflate filter.
///
/// ```swift
/// let packed = Zlib.compress(bytes)
/// let unpacked = try Zlib.decompress(packed)    // == bytes
/// ```
///
/// See Also: ``Inflate``, ``Deflate``, ``Adler32``.
public enum Zlib {
    /// Decompresses a zlib stream and verifies its Adler-32. Bytes after the trailer are ignored.
    ///
    /// - Parameters:
    ///   - input: the zlib stream.
    ///   - maximumOutputCount: the most bytes the output may hold (default 1 GiB).
    /// - Returns: the decompressed bytes.
    /// - Throws: ``CompressionError`` (format `zlib`): `.invalidData` for a bad header (CM ≠ 8,
    ///   window size > 32 KiB, FCHECK not a multiple of 31), `.unsupported` for a preset dictionary
    ///   (FDICT), `.checksumMismatch` for a wrong Adler-32, `.truncated`, `.outputLimitExceeded`,
    ///   and any error of the DEFLATE data, with offsets in `input`.
    public static func decompress(
        _ input: [UInt8], maximumOutputCount: Int = 1 << 30
    ) throws(CompressionError) -> [UInt8] {
        try input.withRawBytes { (raw) throws(CompressionError) in
            try decompress(raw, maximumOutputCount: maximumOutputCount).output
        }
    }

    /// Decompresses a zlib stream at the start of `input`, verifying its Adler-32, and says how
    /// many bytes (header, data and trailer) it occupied.
    ///
    /// - Throws: as the `[UInt8]` version.
    public static func decompress(
        _ input: UnsafeRawBufferPointer, maximumOutputCount: Int = 1 << 30
    ) throws(CompressionError) -> (output: [UInt8], consumedCount: Int) {
        try checkHeader(input)
        let body = UnsafeRawBufferPointer(rebasing: input[2...])
        let decoded: (output: [UInt8], consumedCount: Int)
        do {
            decoded = try InflateDecoder.decode(body, limit: maximumOutputCount)
        } catch {
            throw error.relocated(by: 2, format: "zlib")
        }
        let trailer = 2 + decoded.consumedCount
        try checkTrailer(input, at: trailer, checksum: Adler32.checksum(decoded.output))
        return (decoded.output, trailer + 4)
    }

    static func failure(_ kind: CompressionError.Kind, _ offset: Int, _ message: String) -> CompressionError {
        CompressionError(kind, offset: offset, message, format: "zlib")
    }

    /// Checks the 2-byte header: method 8, window ≤ 32 KiB, FCHECK, no preset dictionary.
    static func checkHeader(_ input: UnsafeRawBufferPointer) throws(CompressionError) {
        guard input.count >= 2 else {
            throw failure(.truncated, input.count, "stream of \(input.count) bytes is shorter than the 2-byte header")
        }
        let cmf = input[0]
        let flg = input[1]
        guard cmf & 0x0F == 8 else {
            throw failure(.invalidData, 0, "compression method \(cmf & 0x0F) is not 8 (deflate)")
        }
        guard cmf >> 4 <= 7 else {
            throw failure(.invalidData, 0, "window size 2^\(Int(cmf >> 4) + 8) exceeds 32 KiB")
        }
        guard (UInt16(cmf) << 8 | UInt16(flg)) % 31 == 0 else {
            throw failure(.invalidData, 1, "header check bits wrong (0x\(String(cmf, radix: 16)) 0x\(String(flg, radix: 16)) is not a multiple of 31)")
        }
        guard flg & 0x20 == 0 else {
            throw failure(.unsupported, 1, "preset dictionary (FDICT) streams are not supported")
        }
    }

    /// Checks the big-endian Adler-32 trailer at `trailer` against `actual`.
    static func checkTrailer(_ input: UnsafeRawBufferPointer, at trailer: Int, checksum actual: UInt32) throws(CompressionError) {
        guard input.count - trailer >= 4 else {
            throw failure(.truncated, input.count, "stream ends before the 4-byte Adler-32 trailer")
        }
        let expected = UInt32(input[trailer]) << 24 | UInt32(input[trailer + 1]) << 16
            | UInt32(input[trailer + 2]) << 8 | UInt32(input[trailer + 3])
        guard expected == actual else {
            throw failure(.checksumMismatch, trailer,
                          "Adler-32 of the data is 0x\(String(actual, radix: 16)), trailer says 0x\(String(expected, radix: 16))")
        }
    }

    /// Compresses `input` into a zlib stream (header `78 xx`, DEFLATE data, Adler-32).
    ///
    /// - Parameters:
    ///   - input: the bytes to compress.
    ///   - level: 0 (stored) to 9 (smallest), as zlib's levels; default 6.
    /// - Returns: a stream Python's `zlib.decompress` reads.
    public static func compress(_ input: [UInt8], level: Int = 6) -> [UInt8] {
        let level = min(max(level, 0), 9)
        let levelFlag: UInt8 = level < 2 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3
        let cmf: UInt8 = 0x78
        var flg = levelFlag << 6
        flg += UInt8((31 - (UInt16(cmf) << 8 | UInt16(flg)) % 31) % 31)
        var output: [UInt8] = [cmf, flg]
        output += Deflate.compress(input, level: level)
        let adler = Adler32.checksum(input)
        output += [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
        return output
    }
}
