/// The LZ77 stage of the DEFLATE encoder: finds repeated strings with hash chains, as zlib does.
///
/// Every position's next three bytes are hashed; `head[hash]` holds the latest position with that
/// hash and `previous[position % 32768]` the one before, so the chain walks back through the
/// 32 KiB window. Levels 1–3 take the first good match (greedy); levels 4–9 use lazy matching
/// (a match is emitted only when the match at the next byte is not longer). The output is a list
/// of ``Token``s consumed by ``DeflateEncoder``.
final class DeflateMatcher {
    /// Search parameters of one level (zlib's configuration table).
    struct Parameters {
        /// Stop shortening the chain walk once a match this long is found (chain / 4 beyond it).
        var good: Int
        /// Lazy levels: do not look for a better match after one this long.
        /// Greedy levels: insert hashes for matches no longer than this.
        var lazy: Int
        /// Stop searching once a match this long is found.
        var nice: Int
        /// Longest hash chain walked.
        var chain: Int
        var isLazy: Bool

        static func level(_ level: Int) -> Parameters {
            switch level {
            case ...1: Parameters(good: 4, lazy: 4, nice: 8, chain: 4, isLazy: false)
            case 2: Parameters(good: 4, lazy: 5, nice: 16, chain: 8, isLazy: false)
            case 3: Parameters(good: 4, lazy: 6, nice: 32, chain: 32, isLazy: false)
            case 4: Parameters(good: 4, lazy: 4, nice: 16, chain: 16, isLazy: true)
            case 5: Parameters(good: 8, lazy: 16, nice: 32, chain: 32, isLazy: true)
            case 6: Parameters(good: 8, lazy: 16, nice: 128, chain: 128, isLazy: true)
            case 7: Parameters(good: 8, lazy: 32, nice: 128, chain: 256, isLazy: true)
            case 8: Parameters(good: 32, lazy: 128, nice: 258, chain: 1024, isLazy: true)
            default: Parameters(good: 32, lazy: 258, nice: 258, chain: 4096, isLazy: true)
            }
        }
    }

    /// A literal byte (bit 31 clear, value in the low 8 bits) or a match
    /// (bit 31 set, `length - 3` in bits 16–23, `distance - 1` in bits 0–15).
    typealias Token = UInt32

    static let windowSize = 32768
    static let minimumMatch = 3
    static let maximumMatch = 258
    static let hashBits = 15

    let parameters: Parameters
    /// Latest position of each hash, or -1.
    private let head: UnsafeMutablePointer<Int32>
    /// Previous position with the same hash as position `p`, at `p % windowSize`, or -1.
    private let previous: UnsafeMutablePointer<Int32>

    init(level: Int) {
        parameters = .level(level)
        head = .allocate(capacity: 1 << Self.hashBits)
        head.initialize(repeating: -1, count: 1 << Self.hashBits)
        previous = .allocate(capacity: Self.windowSize)
        previous.initialize(repeating: -1, count: Self.windowSize)
    }

    deinit {
        head.deallocate()
        previous.deallocate()
    }

    @inline(__always)
    static func literal(_ byte: UInt8) -> Token { Token(byte) }

    @inline(__always)
    static func match(length: Int, distance: Int) -> Token {
        0x8000_0000 | Token(length - 3) << 16 | Token(distance - 1)
    }

    /// Hash of the three bytes at `p`.
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>) -> Int {
        let value = UInt32(p[0]) | UInt32(p[1]) << 8 | UInt32(p[2]) << 16
        return Int((value &* 2_654_435_761) >> UInt32(32 - hashBits))
    }

    /// Records position `i` (needs `i + 3 <= count`) in its hash chain.
    @inline(__always)
    private func insert(_ base: UnsafePointer<UInt8>, _ i: Int) {
        let h = Self.hash(base + i)
        previous[i & (Self.windowSize - 1)] = head[h]
        head[h] = Int32(i)
    }

    /// The longest earlier match for position `i` (which must already be inserted): its length
    /// (0 when shorter than 3) and distance.
    @inline(__always)
    private func longestMatch(
        _ base: UnsafePointer<UInt8>, count: Int, at i: Int, previousLength: Int
    ) -> (length: Int, distance: Int) {
        let limit = min(Self.maximumMatch, count - i)
        guard limit >= Self.minimumMatch, previousLength < limit else { return (0, 0) }
        var chain = previousLength >= parameters.good ? parameters.chain >> 2 : parameters.chain
        var bestLength = max(previousLength, Self.minimumMatch - 1)
        var bestDistance = 0
        var candidate = Int(previous[i & (Self.windowSize - 1)])
        let current = base + i
        while candidate >= 0 && i - candidate <= Self.windowSize && chain > 0 {
            let earlier = base + candidate
            if earlier[bestLength] == current[bestLength] && earlier[0] == current[0] && earlier[1] == current[1] {
                var length = 2
                // Eight bytes at a time: the first differing byte is the lowest set byte of the XOR.
                while length + 8 <= limit {
                    let difference = UnsafeRawPointer(earlier + length).loadUnaligned(as: UInt64.self)
                        ^ UnsafeRawPointer(current + length).loadUnaligned(as: UInt64.self)
                    if difference != 0 {
                        length += UInt64(littleEndian: difference).trailingZeroBitCount >> 3
                        break
                    }
                    length += 8
                }
                if length + 8 > limit {
                    while length < limit && earlier[length] == current[length] { length += 1 }
                }
                if length > bestLength {
                    bestLength = length
                    bestDistance = i - candidate
                    if length >= parameters.nice || length == limit { break }
                }
            }
            let next = Int(previous[candidate & (Self.windowSize - 1)])
            // A chain entry overwritten by a newer position would point forward: stop.
            guard next < candidate else { break }
            candidate = next
            chain -= 1
        }
        return bestDistance == 0 ? (0, 0) : (bestLength, bestDistance)
    }

    /// Parses from position `start` until `maximumTokens` tokens are appended to `tokens` or the
    /// input ends, and returns the position after the last byte covered. Every byte in
    /// `start..<returned` is covered by exactly one token, in order.
    func parse(
        _ base: UnsafePointer<UInt8>, count: Int, from start: Int,
        maximumTokens: Int, into tokens: inout [Token]
    ) -> Int {
        var i = start
        let lastHashable = count - Self.minimumMatch  // positions ≤ this can be hashed
        let stopCount = tokens.count + maximumTokens
        if !parameters.isLazy {
            while i < count && tokens.count < stopCount {
                if i <= lastHashable { insert(base, i) }
                let (length, distance) = longestMatch(base, count: count, at: i, previousLength: 0)
                if length >= Self.minimumMatch && !(length == 3 && distance > 4096) {
                    tokens.append(Self.match(length: length, distance: distance))
                    if length <= parameters.lazy {
                        for j in (i + 1)..<(i + length) where j <= lastHashable { insert(base, j) }
                    }
                    i += length
                } else {
                    tokens.append(Self.literal(base[i]))
                    i += 1
                }
            }
            return i
        }
        // Lazy matching: hold the match found at i - 1 and emit it only if the match at i is
        // not longer.
        var held = false
        var heldLength = 0
        var heldDistance = 0
        while i < count && tokens.count < stopCount {
            if i <= lastHashable { insert(base, i) }
            var length = 0
            var distance = 0
            if heldLength < parameters.lazy {
                (length, distance) = longestMatch(base, count: count, at: i, previousLength: heldLength)
                if length == 3 && distance > 4096 { length = 0 }
            }
            if heldLength >= Self.minimumMatch && length <= heldLength {
                tokens.append(Self.match(length: heldLength, distance: heldDistance))
                let end = i - 1 + heldLength
                for j in (i + 1)..<end where j <= lastHashable { insert(base, j) }
                i = end
                held = false
                heldLength = 0
            } else if held {
                tokens.append(Self.literal(base[i - 1]))
                heldLength = length
                heldDistance = distance
                i += 1
            } else {
                held = true
                heldLength = length
                heldDistance = distance
                i += 1
            }
        }
        if held {
            if heldLength >= Self.minimumMatch {
                tokens.append(Self.match(length: heldLength, distance: heldDistance))
                let end = i - 1 + heldLength
                for j in i..<end where j <= lastHashable { insert(base, j) }
                return end
            }
            tokens.append(Self.literal(base[i - 1]))
        }
        return i
    }
}
