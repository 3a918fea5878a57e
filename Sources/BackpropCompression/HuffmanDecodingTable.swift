/// A two-level lookup table that decodes canonical DEFLATE Huffman codes (RFC 1951 §3.2.2).
///
/// DEFLATE packs Huffman codes most-significant bit first into a least-significant-bit-first
/// stream, so the table is indexed by the next `primaryBits` stream bits, i.e. by the
/// bit-reversed code. Codes longer than `primaryBits` go through a second-level subtable whose
/// size is set by the longest code sharing that prefix.
///
/// Each entry is a `UInt32`, laid out so the inflate loop needs no second lookup:
/// - bits 0–3: for a leaf, the full code length to consume; for a link, the subtable's index bits;
/// - bits 4–7: extra bits that follow the code (length and distance symbols);
/// - bits 8–10: the entry's kind: ``value``, ``length``, ``endOfBlock``, ``invalid`` or ``link``;
/// - bits 16–31: the literal byte, code-length symbol, length base or distance base (leaf), or
///   the subtable's start index (link).
///
/// Construction rejects over-subscribed code sets and incomplete ones, except a single code of
/// length one (allowed for literal/length and distance codes, as zlib does).
struct HuffmanDecodingTable {
    /// A literal byte, a code-length symbol or a distance base.
    static let value: UInt32 = 0
    /// A match length base (literal/length symbols 257–285).
    static let length: UInt32 = 1
    /// Literal/length symbol 256.
    static let endOfBlock: UInt32 = 2
    /// A code with no symbol, or a symbol the format forbids (286, 287, distance 30, 31).
    static let invalid: UInt32 = 3
    /// A pointer to a second-level subtable.
    static let link: UInt32 = 4

    /// The kind field of an entry.
    @inline(__always)
    static func kind(_ entry: UInt32) -> UInt32 { (entry >> 8) & 7 }

    /// Packs an entry.
    @inline(__always)
    static func entry(kind: UInt32, bits: Int, extra: Int = 0, value: Int) -> UInt32 {
        UInt32(value) << 16 | kind << 8 | UInt32(extra) << 4 | UInt32(bits)
    }

    /// Which alphabet the table is for; decides whether an incomplete code is allowed.
    enum Alphabet {
        case codeLengths, literalLength, distance
    }

    /// Index bits of the first level.
    let primaryBits: Int
    /// First level followed by the subtables.
    var entries: [UInt32]

    /// Builds the table for code lengths `lengths` (0 = symbol unused, at most 15).
    ///
    /// - Throws: `.invalidData` for an over-subscribed or (disallowed) incomplete set of lengths;
    ///   the error's offset is `offset`.
    init(lengths: ArraySlice<UInt8>, primaryBits: Int, alphabet: Alphabet, offset: Int) throws(CompressionError) {
        self.primaryBits = primaryBits
        let primarySize = 1 << primaryBits
        let (count, maxLength) = try Self.countCodes(lengths: lengths, alphabet: alphabet, offset: offset)
        let invalidEntry = Self.entry(kind: Self.invalid, bits: 0, value: 0)
        guard maxLength > 0 else {
            // No symbols at all: every lookup reports an invalid code (zlib waits for use too).
            entries = [UInt32](repeating: invalidEntry, count: primarySize)
            return
        }

        // Canonical first code of each length.
        var nextCode = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            nextCode[length] = code
            code = (code + count[length]) << 1
        }

        // Assign reversed codes and find each long prefix's subtable size.
        var reversedCodes = [Int](repeating: 0, count: lengths.count)
        var subBits = [UInt8](repeating: 0, count: maxLength > primaryBits ? primarySize : 0)
        for (symbol, length8) in lengths.enumerated() {
            let length = Int(length8)
            guard length > 0 else { continue }
            let reversed = Self.reverse(nextCode[length], bits: length)
            nextCode[length] += 1
            reversedCodes[symbol] = reversed
            if length > primaryBits {
                let prefix = reversed & (primarySize - 1)
                subBits[prefix] = max(subBits[prefix], UInt8(length - primaryBits))
            }
        }
        var subtableStart = [Int](repeating: 0, count: subBits.count)
        var total = primarySize
        for prefix in 0..<subBits.count where subBits[prefix] > 0 {
            subtableStart[prefix] = total
            total += 1 << Int(subBits[prefix])
        }
        var table = [UInt32](repeating: invalidEntry, count: total)
        for prefix in 0..<subBits.count where subBits[prefix] > 0 {
            table[prefix] = Self.entry(kind: Self.link, bits: Int(subBits[prefix]), value: subtableStart[prefix])
        }
        for (symbol, length8) in lengths.enumerated() {
            let length = Int(length8)
            guard length > 0 else { continue }
            let reversed = reversedCodes[symbol]
            let entry = Self.leafEntry(symbol: symbol, bits: length, alphabet: alphabet)
            if length <= primaryBits {
                var index = reversed
                while index < primarySize {
                    table[index] = entry
                    index += 1 << length
                }
            } else {
                let prefix = reversed & (primarySize - 1)
                let bits = Int(subBits[prefix])
                let start = subtableStart[prefix]
                let step = 1 << (length - primaryBits)
                var index = reversed >> primaryBits
                while index < 1 << bits {
                    table[start + index] = entry
                    index += step
                }
            }
        }
        entries = table
    }

    /// The number of codes of each length 1...15 (`count[0]` is 0) and the longest length (0 when
    /// no symbol is used), after checking that the lengths make a prefix code.
    ///
    /// - Throws: `.invalidData` at `offset` for an over-subscribed set, or an incomplete one other
    ///   than a single code of length one for the literal/length and distance alphabets.
    static func countCodes(lengths: ArraySlice<UInt8>, alphabet: Alphabet, offset: Int) throws(CompressionError) -> (count: [Int], maxLength: Int) {
        var count = [Int](repeating: 0, count: 16)
        for length in lengths {
            count[Int(length)] += 1
        }
        count[0] = 0
        var maxLength = 0
        for length in 1...15 where count[length] > 0 { maxLength = length }
        guard maxLength > 0 else { return (count, 0) }
        var left = 1
        for length in 1...15 {
            left <<= 1
            left -= count[length]
            if left < 0 {
                throw CompressionError(.invalidData, offset: offset, "over-subscribed \(alphabet) Huffman code")
            }
        }
        if left > 0 && (alphabet == .codeLengths || maxLength != 1) {
            throw CompressionError(.invalidData, offset: offset, "incomplete \(alphabet) Huffman code")
        }
        return (count, maxLength)
    }

    /// Length base and extra bits of literal/length symbols 257...285 (RFC 1951 §3.2.5).
    static let lengthBase: [Int] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
        35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    static let lengthExtra: [Int] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
        3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    /// Distance base and extra bits of distance symbols 0...29.
    static let distanceBase: [Int] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
        257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    static let distanceExtra: [Int] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
        7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]

    /// The leaf entry of `symbol` with a `bits`-long code in `alphabet`.
    static func leafEntry(symbol: Int, bits: Int, alphabet: Alphabet) -> UInt32 {
        switch alphabet {
        case .codeLengths:
            return entry(kind: value, bits: bits, value: symbol)
        case .literalLength:
            if symbol < 256 { return entry(kind: value, bits: bits, value: symbol) }
            if symbol == 256 { return entry(kind: endOfBlock, bits: bits, value: 0) }
            let index = symbol - 257
            guard index < 29 else { return entry(kind: invalid, bits: bits, value: symbol) }
            return entry(kind: length, bits: bits, extra: lengthExtra[index], value: lengthBase[index])
        case .distance:
            guard symbol < 30 else { return entry(kind: invalid, bits: bits, value: symbol) }
            return entry(kind: value, bits: bits, extra: distanceExtra[symbol], value: distanceBase[symbol])
        }
    }

    /// The lowest `bits` bits of `code`, in reverse order.
    @inline(__always)
    static func reverse(_ code: Int, bits: Int) -> Int {
        var value = code
        var result = 0
        for _ in 0..<bits {
            result = result << 1 | (value & 1)
            value >>= 1
        }
        return result
    }
}
