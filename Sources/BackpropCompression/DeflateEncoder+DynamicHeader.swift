extension DeflateEncoder {
    /// The header of a dynamic block (RFC 1951 §3.2.7): HLIT, HDIST, HCLEN, the code-length
    /// code's lengths, then the literal/length and distance code lengths run-length encoded with
    /// code-length symbols 16 (repeat previous 3–6×), 17 (3–10 zeros) and 18 (11–138 zeros).
    struct DynamicHeader {
        /// Literal/length codes sent (257...286) and distance codes sent (1...30).
        var literalCount: Int
        var distanceCount: Int
        /// Code-length symbols (0...18) with their extra-bit values.
        var symbols: [(symbol: Int, extra: UInt32)] = []
        var codeLengthCode: HuffmanCode
        /// Code-length code lengths sent (4...19), in ``codeLengthOrder``.
        var codeLengthCount: Int

        init(literals: HuffmanCode, distances: HuffmanCode) {
            literalCount = max(257, (literals.lengths.lastIndex { $0 != 0 } ?? 0) + 1)
            distanceCount = max(1, (distances.lengths.lastIndex { $0 != 0 } ?? 0) + 1)
            let lengths = Array(literals.lengths[..<literalCount]) + Array(distances.lengths[..<distanceCount])
            var index = 0
            while index < lengths.count {
                let length = lengths[index]
                var run = 1
                while index + run < lengths.count && lengths[index + run] == length { run += 1 }
                index += run
                if length == 0 {
                    while run >= 11 {
                        let chunk = min(run, 138)
                        symbols.append((18, UInt32(chunk - 11)))
                        run -= chunk
                    }
                    if run >= 3 {
                        symbols.append((17, UInt32(run - 3)))
                        run = 0
                    }
                } else {
                    symbols.append((Int(length), 0))
                    run -= 1
                    while run >= 3 {
                        let chunk = min(run, 6)
                        symbols.append((16, UInt32(chunk - 3)))
                        run -= chunk
                    }
                }
                for _ in 0..<run { symbols.append((Int(length), 0)) }
            }
            var frequencies = [Int](repeating: 0, count: 19)
            for (symbol, _) in symbols { frequencies[symbol] += 1 }
            codeLengthCode = HuffmanCode(frequencies: frequencies, maximumLength: 7)
            var count = 19
            while count > 4 && codeLengthCode.lengths[DeflateEncoder.codeLengthOrder[count - 1]] == 0 { count -= 1 }
            codeLengthCount = count
        }

        /// Bits the header takes.
        var bitCount: Int {
            var bits = 5 + 5 + 4 + 3 * codeLengthCount
            for (symbol, _) in symbols {
                bits += Int(codeLengthCode.lengths[symbol]) + (symbol == 16 ? 2 : symbol == 17 ? 3 : symbol == 18 ? 7 : 0)
            }
            return bits
        }

        func write(to writer: inout BitWriter) {
            writer.write(UInt32(literalCount - 257), 5)
            writer.write(UInt32(distanceCount - 1), 5)
            writer.write(UInt32(codeLengthCount - 4), 4)
            for index in 0..<codeLengthCount {
                writer.write(UInt32(codeLengthCode.lengths[DeflateEncoder.codeLengthOrder[index]]), 3)
            }
            for (symbol, extra) in symbols {
                writer.write(codeLengthCode.codes[symbol], Int(codeLengthCode.lengths[symbol]))
                switch symbol {
                case 16: writer.write(extra, 2)
                case 17: writer.write(extra, 3)
                case 18: writer.write(extra, 7)
                default: break
                }
            }
        }
    }
}
