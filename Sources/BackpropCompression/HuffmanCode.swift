/// A length-limited canonical Huffman code for the DEFLATE encoder.
///
/// ``lengths(frequencies:maximumLength:)`` builds an optimal Huffman tree (two-queue method on
/// sorted weights), then, when the tree is deeper than `maximumLength`, moves leaves up the way
/// JPEG's Annex K.3 does (keeping the Kraft sum exactly 1) and hands the shortest lengths to the
/// most frequent symbols. Codes are canonical (RFC 1951 §3.2.2) and stored bit-reversed, ready
/// for the LSB-first ``BitWriter``.
struct HuffmanCode {
    /// Code length of each symbol (0 = unused).
    var lengths: [UInt8]
    /// Bit-reversed canonical code of each symbol.
    var codes: [UInt32]

    /// The canonical code for `lengths`.
    init(lengths: [UInt8]) {
        self.lengths = lengths
        var count = [Int](repeating: 0, count: 16)
        for length in lengths { count[Int(length)] += 1 }
        count[0] = 0
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            code = (code + count[length - 1]) << 1
            next[length] = code
        }
        codes = lengths.map { length in
            guard length > 0 else { return 0 }
            let value = next[Int(length)]
            next[Int(length)] += 1
            return UInt32(HuffmanDecodingTable.reverse(value, bits: Int(length)))
        }
    }

    /// The optimal code for `frequencies` with no code longer than `maximumLength`.
    /// At least two symbols always get a code (DEFLATE decoders want complete codes), even when
    /// fewer than two have a nonzero frequency.
    init(frequencies: [Int], maximumLength: Int) {
        self.init(lengths: Self.lengths(frequencies: frequencies, maximumLength: maximumLength))
    }

    /// Code lengths for `frequencies`, limited to `maximumLength` bits.
    static func lengths(frequencies: [Int], maximumLength: Int) -> [UInt8] {
        var used = frequencies.indices.filter { frequencies[$0] > 0 }
        var lengths = [UInt8](repeating: 0, count: frequencies.count)
        if used.count < 2 {
            // Pad to two symbols so the code is complete.
            for symbol in 0..<min(2, frequencies.count) where used.count < 2 && !used.contains(symbol) {
                used.append(symbol)
            }
            for symbol in used { lengths[symbol] = 1 }
            return lengths
        }
        used.sort { (frequencies[$0], $0) < (frequencies[$1], $1) }

        // Two-queue Huffman: leaves in ascending weight, internal nodes created in ascending weight.
        let leafCount = used.count
        var weight = used.map { frequencies[$0] }
        var parent = [Int](repeating: -1, count: 2 * leafCount - 1)
        weight.reserveCapacity(2 * leafCount - 1)
        var nextLeaf = 0
        var nextNode = leafCount
        func takeSmallest() -> Int {
            if nextLeaf < leafCount && (nextNode >= weight.count || weight[nextLeaf] <= weight[nextNode]) {
                nextLeaf += 1
                return nextLeaf - 1
            }
            nextNode += 1
            return nextNode - 1
        }
        for node in leafCount..<(2 * leafCount - 1) {
            let a = takeSmallest()
            let b = takeSmallest()
            weight.append(weight[a] + weight[b])
            parent[a] = node
            parent[b] = node
        }
        // Depths: the root is the last node; parents always come after their children.
        var depth = [Int](repeating: 0, count: 2 * leafCount - 1)
        for node in stride(from: 2 * leafCount - 3, through: 0, by: -1) {
            depth[node] = depth[parent[node]] + 1
        }
        var countPerLength = [Int](repeating: 0, count: max(maximumLength, depth.max()!) + 1)
        for leaf in 0..<leafCount { countPerLength[depth[leaf]] += 1 }

        // Annex K.3: move leaves up until no code is longer than maximumLength.
        var length = countPerLength.count - 1
        while length > maximumLength {
            while countPerLength[length] > 0 {
                var shorter = length - 2
                while countPerLength[shorter] == 0 { shorter -= 1 }
                countPerLength[length] -= 2
                countPerLength[length - 1] += 1
                countPerLength[shorter + 1] += 2
                countPerLength[shorter] -= 1
            }
            length -= 1
        }
        // Longest codes to the rarest symbols (`used` is in ascending frequency).
        var leaf = 0
        for length in stride(from: maximumLength, through: 1, by: -1) {
            for _ in 0..<countPerLength[length] {
                lengths[used[leaf]] = UInt8(length)
                leaf += 1
            }
        }
        return lengths
    }
}
