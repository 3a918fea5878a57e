extension Zlib {
    /// Decompresses a zlib stream at the start of `input` without holding its output: the
    /// decoded bytes are handed to `consumer` in order, in pieces of up to about 1 MiB, while
    /// only DEFLATE's 32 KiB window is kept (a PNG's 2 GiB of rows decode in about 1 MiB). The
    /// Adler-32 is verified after the last piece, so a consumer must treat what it received as
    /// provisional until this returns.
    ///
    /// - Parameters:
    ///   - input: the zlib stream.
    ///   - maximumOutputCount: the most bytes the stream may decode to (default 1 GiB).
    ///   - consumer: receives each piece; the buffer is valid only during the call.
    /// - Returns: the bytes decoded and the bytes of `input` the stream occupied.
    /// - Throws: as ``decompress(_:maximumOutputCount:)-(UnsafeRawBufferPointer,_)``.
    public static func decompress(
        _ input: UnsafeRawBufferPointer, maximumOutputCount: Int = 1 << 30,
        into consumer: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws(CompressionError) -> (outputCount: Int, consumedCount: Int) {
        try checkHeader(input)
        let body = UnsafeRawBufferPointer(rebasing: input[2...])
        var adler = Adler32()
        let decoded: (outputCount: Int, consumedCount: Int)
        do {
            decoded = try withoutActuallyEscaping(consumer) { (consumer) throws(CompressionError) in
                try InflateDecoder.decode(body, limit: maximumOutputCount) { piece in
                    adler.update(UnsafeRawBufferPointer(piece))
                    consumer(piece)
                }
            }
        } catch {
            throw error.relocated(by: 2, format: "zlib")
        }
        let trailer = 2 + decoded.consumedCount
        try checkTrailer(input, at: trailer, checksum: adler.value)
        return (decoded.outputCount, trailer + 4)
    }
}
