extension InflateDecoder {
    /// Decodes the compressed data of one Huffman block (fixed or dynamic) up to and including
    /// its end-of-block symbol: literals are written out, ⟨length, distance⟩ pairs copy
    /// `length` bytes starting `distance` bytes back (the source may overlap the destination).
    ///
    /// - Throws: `.invalidData` for an invalid code or a distance past the start of the output,
    ///   `.truncated` when the input ends first, `.outputLimitExceeded` past the limit.
    static func decodeBlock(
        _ reader: inout BitReader, into output: inout OutputBuffer,
        literals: HuffmanDecodingTable, distances: HuffmanDecodingTable
    ) throws(CompressionError) {
        let literalMask = UInt64((1 << literals.primaryBits) - 1)
        let distanceMask = UInt64((1 << distances.primaryBits) - 1)
        let literalBits = UInt64(literals.primaryBits)
        let distanceBits = UInt64(distances.primaryBits)
        try literals.entries.withUnsafeBufferPointer { (literalTable) throws(CompressionError) in
            try distances.entries.withUnsafeBufferPointer { (distanceTable) throws(CompressionError) in
                while true {
                    reader.refill()
                    if reader.isPastEnd { throw reader.truncation() }
                    var entry = literalTable[Int(truncatingIfNeeded: reader.buffer & literalMask)]
                    if (entry >> 8) & 7 == HuffmanDecodingTable.link {
                        let subMask = (UInt64(1) &<< UInt64(entry & 15)) &- 1
                        let index = Int(entry >> 16) &+ Int(truncatingIfNeeded: (reader.buffer &>> literalBits) & subMask)
                        entry = literalTable[index]
                    }
                    let kind = (entry >> 8) & 7
                    reader.take(Int(entry & 15))
                    if kind == HuffmanDecodingTable.value {
                        if output.count == output.capacity {
                            _ = try output.reserve(1, at: reader.byteOffset)
                        }
                        output.base[output.count] = UInt8(truncatingIfNeeded: entry >> 16)
                        output.count &+= 1
                        continue
                    }
                    if kind == HuffmanDecodingTable.endOfBlock {
                        if reader.isPastEnd { throw reader.truncation() }
                        return
                    }
                    guard kind == HuffmanDecodingTable.length else {
                        throw reader.failure("invalid literal/length code")
                    }
                    let length = Int(entry >> 16) &+ Int(truncatingIfNeeded: reader.take(Int((entry >> 4) & 15)))

                    var distanceEntry = distanceTable[Int(truncatingIfNeeded: reader.buffer & distanceMask)]
                    if (distanceEntry >> 8) & 7 == HuffmanDecodingTable.link {
                        let subMask = (UInt64(1) &<< UInt64(distanceEntry & 15)) &- 1
                        let index = Int(distanceEntry >> 16)
                            &+ Int(truncatingIfNeeded: (reader.buffer &>> distanceBits) & subMask)
                        distanceEntry = distanceTable[index]
                    }
                    guard (distanceEntry >> 8) & 7 == HuffmanDecodingTable.value else {
                        throw reader.failure("invalid distance code")
                    }
                    reader.take(Int(distanceEntry & 15))
                    let distance = Int(distanceEntry >> 16)
                        &+ Int(truncatingIfNeeded: reader.take(Int((distanceEntry >> 4) & 15)))
                    guard distance <= output.count else {
                        throw reader.failure("distance \(distance) too far back (only \(output.count) bytes decoded)")
                    }
                    let destination = try output.reserve(length, at: reader.byteOffset)
                    let source = destination - distance
                    if distance >= length {
                        destination.update(from: source, count: length)
                    } else if distance == 1 {
                        destination.update(repeating: source.pointee, count: length)
                    } else {
                        var i = 0
                        while i < length {
                            destination[i] = source[i]
                            i &+= 1
                        }
                    }
                    output.count &+= length
                }
            }
        }
    }
}
