/// The DEFLATE (RFC 1951) decoding loop behind ``Inflate``.
///
/// Bits are read through a 64-bit buffer refilled eight bytes at a time; Huffman symbols are
/// decoded with ``HuffmanDecodingTable`` lookups whose entries already carry the length or
/// distance base and extra-bit count. One refill before each symbol guarantees at least 56 bits,
/// enough for a literal/length code, its extra bits, a distance code and its extra bits (at most
/// 15 + 5 + 15 + 13 = 48 bits), so the hot loop makes no calls.
///
/// Past the end of the input the buffer is filled with zero bytes that are counted in
/// `padBits`; consuming any of them means the stream was truncated, which is checked before
/// every symbol and before reporting any other error.
struct InflateDecoder {
    /// Primary index bits of the literal/length and distance tables.
    static let literalBits = 10
    static let distanceBits = 8

    /// Fixed literal/length table (RFC 1951 §3.2.6). The lengths are constant and form a
    /// complete code, so building it cannot fail.
    static let fixedLiteralTable: HuffmanDecodingTable = {
        var lengths = [UInt8](repeating: 8, count: 288)
        for symbol in 144..<256 { lengths[symbol] = 9 }
        for symbol in 256..<280 { lengths[symbol] = 7 }
        return try! HuffmanDecodingTable(
            lengths: lengths[...], primaryBits: literalBits, alphabet: .literalLength, offset: 0)
    }()

    /// Fixed distance table: 32 five-bit codes (30 and 31 decode as invalid).
    static let fixedDistanceTable: HuffmanDecodingTable = {
        let lengths = [UInt8](repeating: 5, count: 32)
        return try! HuffmanDecodingTable(
            lengths: lengths[...], primaryBits: distanceBits, alphabet: .distance, offset: 0)
    }()

    /// Order in which code-length code lengths are stored (RFC 1951 §3.2.7).
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Decodes one raw DEFLATE stream from the start of `input`.
    ///
    /// - Returns: the decoded bytes and the number of input bytes the stream occupied (a partial
    ///   last byte counts as consumed).
    /// - Throws: ``CompressionError`` with offsets relative to `input`.
    static func decode(
        _ input: UnsafeRawBufferPointer, limit: Int
    ) throws(CompressionError) -> (output: [UInt8], consumedCount: Int) {
        let limit = max(0, limit)
        var output = OutputBuffer(limit: limit, initialCapacity: min(limit, input.count &* 4 &+ 1024))
        defer { output.deallocate() }
        let consumed = try decode(input, into: &output)
        return (output.makeArray(), consumed)
    }

    /// Decodes one raw DEFLATE stream from the start of `input`, handing its bytes to `sink` in
    /// order as they leave the 32 KiB window (see ``OutputBuffer/init(limit:sink:)``).
    ///
    /// - Returns: the number of bytes decoded and of input bytes the stream occupied.
    static func decode(
        _ input: UnsafeRawBufferPointer, limit: Int, sink: @escaping (UnsafeBufferPointer<UInt8>) -> Void
    ) throws(CompressionError) -> (outputCount: Int, consumedCount: Int) {
        var output = OutputBuffer(limit: max(0, limit), sink: sink)
        defer { output.deallocate() }
        let consumed = try decode(input, into: &output)
        try output.finish(at: input.count)
        return (output.totalCount, consumed)
    }

    /// The block loop shared by both `decode` forms: returns the input bytes consumed.
    static func decode(_ input: UnsafeRawBufferPointer, into output: inout OutputBuffer) throws(CompressionError) -> Int {
        var reader = BitReader(input)

        var isFinal = false
        repeat {
            reader.refill()
            let header = Int(reader.take(3))
            isFinal = header & 1 == 1
            switch header >> 1 {
            case 0:
                try copyStoredBlock(&reader, into: &output)
            case 1:
                try decodeBlock(&reader, into: &output, literals: fixedLiteralTable, distances: fixedDistanceTable)
            case 2:
                let (literals, distances) = try readDynamicTables(&reader)
                try decodeBlock(&reader, into: &output, literals: literals, distances: distances)
            default:
                throw reader.failure("invalid block type 3")
            }
        } while !isFinal
        if reader.isPastEnd {
            throw reader.truncation()
        }
        return reader.consumedCount
    }

    /// Copies a stored block (BTYPE 00): byte-align, LEN, NLEN = ~LEN, then LEN raw bytes.
    static func copyStoredBlock(_ reader: inout BitReader, into output: inout OutputBuffer) throws(CompressionError) {
        reader.take(reader.bitCount & 7)
        reader.refill()
        let length = Int(reader.take(16))
        let complement = Int(reader.take(16))
        if reader.isPastEnd { throw reader.truncation() }
        guard length == complement ^ 0xFFFF else {
            throw reader.failure("stored block LEN \(length) does not match NLEN \(complement) (expected \(length ^ 0xFFFF))")
        }
        let start = reader.rewindToByteBoundary()
        guard length <= reader.count - start else {
            throw CompressionError(.truncated, offset: reader.count,
                                   "stored block of \(length) bytes at byte \(start) runs past the end of the input")
        }
        let destination = try output.reserve(length, at: start)
        if length > 0, let base = reader.base {
            destination.update(from: base + start, count: length)
        }
        output.count += length
        reader.position = start + length
    }

    /// Reads HLIT, HDIST, HCLEN and the code lengths of a dynamic block (BTYPE 10).
    static func readDynamicTables(
        _ reader: inout BitReader
    ) throws(CompressionError) -> (HuffmanDecodingTable, HuffmanDecodingTable) {
        reader.refill()
        let literalCount = Int(reader.take(5)) + 257
        let distanceCount = Int(reader.take(5)) + 1
        let codeLengthCount = Int(reader.take(4)) + 4
        guard literalCount <= 286, distanceCount <= 30 else {
            throw reader.failure("too many length or distance symbols (HLIT \(literalCount), HDIST \(distanceCount))")
        }
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for index in 0..<codeLengthCount {
            reader.refill()
            codeLengthLengths[codeLengthOrder[index]] = UInt8(reader.take(3))
        }
        if reader.isPastEnd { throw reader.truncation() }
        let codeLengthTable = try HuffmanDecodingTable(
            lengths: codeLengthLengths[...], primaryBits: 7, alphabet: .codeLengths, offset: reader.byteOffset)

        let total = literalCount + distanceCount
        var lengths = [UInt8](repeating: 0, count: total)
        var index = 0
        while index < total {
            reader.refill()
            if reader.isPastEnd { throw reader.truncation() }
            let entry = codeLengthTable.entries[Int(reader.buffer & 0x7F)]
            guard HuffmanDecodingTable.kind(entry) == HuffmanDecodingTable.value else {
                throw reader.failure("invalid code-length code")
            }
            reader.take(Int(entry & 15))
            let symbol = Int(entry >> 16)
            if symbol < 16 {
                lengths[index] = UInt8(symbol)
                index += 1
                continue
            }
            var repeated: UInt8 = 0
            var repeatCount: Int
            switch symbol {
            case 16:
                guard index > 0 else { throw reader.failure("code-length repeat (16) with no previous length") }
                repeated = lengths[index - 1]
                repeatCount = 3 + Int(reader.take(2))
            case 17:
                repeatCount = 3 + Int(reader.take(3))
            default:
                repeatCount = 11 + Int(reader.take(7))
            }
            guard repeatCount <= total - index else {
                throw reader.failure("code-length repeat of \(repeatCount) overruns the \(total) code lengths")
            }
            for _ in 0..<repeatCount {
                lengths[index] = repeated
                index += 1
            }
        }
        if reader.isPastEnd { throw reader.truncation() }
        guard lengths[256] != 0 else {
            throw reader.failure("dynamic block has no end-of-block code (symbol 256 has length 0)")
        }
        let offset = reader.byteOffset
        let literals = try HuffmanDecodingTable(
            lengths: lengths[0..<literalCount], primaryBits: literalBits, alphabet: .literalLength, offset: offset)
        let distances = try HuffmanDecodingTable(
            lengths: lengths[literalCount..<total], primaryBits: distanceBits, alphabet: .distance, offset: offset)
        return (literals, distances)
    }
}
