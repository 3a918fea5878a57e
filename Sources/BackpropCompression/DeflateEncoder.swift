/// The block stage of the DEFLATE encoder: turns ``DeflateMatcher`` tokens into blocks.
///
/// For every run of up to ``tokensPerBlock`` tokens it builds length-limited Huffman codes from
/// the token frequencies and writes whichever of a dynamic block (BTYPE 10), a fixed block
/// (BTYPE 01) or stored blocks (BTYPE 00, for incompressible data) is smallest.
struct DeflateEncoder {
    static let tokensPerBlock = 16383
    /// Order in which code-length code lengths are written (RFC 1951 §3.2.7).
    static let codeLengthOrder = InflateDecoder.codeLengthOrder

    /// Length symbol index (0...28, symbol − 257) of each match length 0...258 (3...258 used).
    static let lengthSymbol: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 259)
        for index in 0..<29 {
            let base = HuffmanDecodingTable.lengthBase[index]
            let span = 1 << HuffmanDecodingTable.lengthExtra[index]
            for length in base..<min(259, base + span) { table[length] = UInt8(index) }
        }
        table[258] = 28
        return table
    }()

    /// Distance symbol (0...29) of each distance − 1 (0...32767).
    static let distanceSymbol: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 32768)
        for index in 0..<30 {
            let base = HuffmanDecodingTable.distanceBase[index]
            let span = 1 << HuffmanDecodingTable.distanceExtra[index]
            for distance in base..<min(32769, base + span) { table[distance - 1] = UInt8(index) }
        }
        return table
    }()

    static let fixedLiterals: HuffmanCode = {
        var lengths = [UInt8](repeating: 8, count: 288)
        for symbol in 144..<256 { lengths[symbol] = 9 }
        for symbol in 256..<280 { lengths[symbol] = 7 }
        return HuffmanCode(lengths: lengths)
    }()
    static let fixedDistances = HuffmanCode(lengths: [UInt8](repeating: 5, count: 30))

    /// A raw DEFLATE stream of `input` at `level` (0 = stored only).
    static func encode(_ input: [UInt8], level: Int) -> [UInt8] {
        var writer = BitWriter(reservingCapacity: level == 0 ? input.count + input.count / 65535 * 5 + 8 : input.count / 2 + 64)
        guard level > 0, !input.isEmpty else {
            writeStored(input[...], isFinal: true, to: &writer)
            return writer.finish()
        }
        let matcher = DeflateMatcher(level: level)
        var tokens: [DeflateMatcher.Token] = []
        tokens.reserveCapacity(tokensPerBlock)
        input.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            var position = 0
            while position < input.count {
                tokens.removeAll(keepingCapacity: true)
                let end = matcher.parse(base, count: input.count, from: position, maximumTokens: tokensPerBlock, into: &tokens)
                writeBlock(tokens, raw: input[position..<end], isFinal: end == input.count, to: &writer)
                position = end
            }
        }
        return writer.finish()
    }

    /// Stored blocks of at most 65 535 bytes each (one empty block for empty input).
    static func writeStored(_ raw: ArraySlice<UInt8>, isFinal: Bool, to writer: inout BitWriter) {
        var start = raw.startIndex
        repeat {
            let end = min(raw.endIndex, start + 65535)
            writer.write(isFinal && end == raw.endIndex ? 1 : 0, 3)
            writer.alignToByte()
            let length = UInt32(end - start)
            writer.write(length, 16)
            writer.write(~length & 0xFFFF, 16)
            writer.append(raw[start..<end])
            start = end
        } while start < raw.endIndex
    }

    /// Writes `tokens` (covering exactly `raw`) as the cheapest of dynamic, fixed or stored.
    static func writeBlock(_ tokens: [DeflateMatcher.Token], raw: ArraySlice<UInt8>, isFinal: Bool, to writer: inout BitWriter) {
        var literalFrequencies = [Int](repeating: 0, count: 286)
        var distanceFrequencies = [Int](repeating: 0, count: 30)
        var extraBits = 0
        for token in tokens {
            if token & 0x8000_0000 == 0 {
                literalFrequencies[Int(token)] += 1
            } else {
                let lengthIndex = Int(lengthSymbol[Int((token >> 16) & 0xFF) + 3])
                let distanceIndex = Int(distanceSymbol[Int(token & 0xFFFF)])
                literalFrequencies[257 + lengthIndex] += 1
                distanceFrequencies[distanceIndex] += 1
                extraBits += HuffmanDecodingTable.lengthExtra[lengthIndex] + HuffmanDecodingTable.distanceExtra[distanceIndex]
            }
        }
        literalFrequencies[256] = 1
        let literals = HuffmanCode(frequencies: literalFrequencies, maximumLength: 15)
        let distances = HuffmanCode(frequencies: distanceFrequencies, maximumLength: 15)
        let header = DynamicHeader(literals: literals, distances: distances)

        func dataBits(_ lit: HuffmanCode, _ dist: HuffmanCode) -> Int {
            var bits = extraBits
            for (symbol, frequency) in literalFrequencies.enumerated() where frequency > 0 {
                bits += frequency * Int(lit.lengths[symbol])
            }
            for (symbol, frequency) in distanceFrequencies.enumerated() where frequency > 0 {
                bits += frequency * Int(dist.lengths[symbol])
            }
            return bits
        }
        let dynamicBits = 3 + header.bitCount + dataBits(literals, distances)
        let fixedBits = 3 + dataBits(fixedLiterals, fixedDistances)
        let storedChunks = max(1, (raw.count + 65534) / 65535)
        let storedBits = 7 + storedChunks * 35 + raw.count * 8

        if storedBits <= min(dynamicBits, fixedBits) {
            writeStored(raw, isFinal: isFinal, to: &writer)
        } else if fixedBits <= dynamicBits {
            writer.write(isFinal ? 1 : 0, 1)
            writer.write(1, 2)
            writeTokens(tokens, literals: fixedLiterals, distances: fixedDistances, to: &writer)
        } else {
            writer.write(isFinal ? 1 : 0, 1)
            writer.write(2, 2)
            header.write(to: &writer)
            writeTokens(tokens, literals: literals, distances: distances, to: &writer)
        }
    }

    /// The compressed data of a Huffman block, end-of-block symbol included.
    static func writeTokens(
        _ tokens: [DeflateMatcher.Token], literals: HuffmanCode, distances: HuffmanCode, to writer: inout BitWriter
    ) {
        for token in tokens {
            if token & 0x8000_0000 == 0 {
                writer.write(literals.codes[Int(token)], Int(literals.lengths[Int(token)]))
                continue
            }
            let length = Int((token >> 16) & 0xFF) + 3
            let distance = Int(token & 0xFFFF) + 1
            let lengthIndex = Int(lengthSymbol[length])
            writer.write(literals.codes[257 + lengthIndex], Int(literals.lengths[257 + lengthIndex]))
            let lengthExtra = HuffmanDecodingTable.lengthExtra[lengthIndex]
            if lengthExtra > 0 {
                writer.write(UInt32(length - HuffmanDecodingTable.lengthBase[lengthIndex]), lengthExtra)
            }
            let distanceIndex = Int(distanceSymbol[distance - 1])
            writer.write(distances.codes[distanceIndex], Int(distances.lengths[distanceIndex]))
            let distanceExtra = HuffmanDecodingTable.distanceExtra[distanceIndex]
            if distanceExtra > 0 {
                writer.write(UInt32(distance - HuffmanDecodingTable.distanceBase[distanceIndex]), distanceExtra)
            }
        }
        writer.write(literals.codes[256], Int(literals.lengths[256]))
    }
}
