/// A JPEG Huffman table (DHT), decoded with a 9-bit lookup table and a per-length fallback.
struct JPEGHuffmanTable {
    /// For each 9-bit prefix: (symbol << 8) | code length, or 0 when the code is longer.
    var fast = [UInt16](repeating: 0, count: 512)
    /// maxCode[l]: the largest code of length l (or -1), valueOffset[l]: index of its first symbol.
    var maxCode = [Int32](repeating: -1, count: 18)
    var valueOffset = [Int32](repeating: 0, count: 18)
    var symbols: [UInt8] = []

    /// Builds the canonical codes from the 16 code-length counts and the symbols.
    init(counts: [UInt8], symbols: [UInt8], file: String, offset: Int) throws(FormatError) {
        self.symbols = symbols
        var code: Int32 = 0
        var index: Int32 = 0
        for length in 1...16 {
            let count = Int32(counts[length - 1])
            valueOffset[length] = index - code
            if count > 0 {
                for _ in 0..<count {
                    // Checked before the code is used: an over-full length would index past
                    // the lookup table.
                    guard code < (1 << length) else {
                        throw FormatError(.invalid, file: file, at: .byte(offset),
                                          expected: "a valid Huffman table (complete prefix code)", found: "too many codes of length \(length)")
                    }
                    if length <= 9 {
                        let symbol = UInt16(symbols[Int(index)])
                        let shift = 9 - length
                        let first = Int(code) << shift
                        for fill in 0..<(1 << shift) { fast[first + fill] = symbol << 8 | UInt16(length) }
                    }
                    code += 1
                    index += 1
                }
                maxCode[length] = code - 1
            }
            code <<= 1
        }
        maxCode[17] = Int32.max
    }
}

/// Reads the entropy-coded bits of a JPEG scan: removes stuffed zero bytes after 0xFF, stops
/// at markers (feeding zeros past them) and records where the data ended. Decoding into
/// those zeros means the scan's data ended early: ``isPastEnd``.
struct JPEGBitReader {
    let bytes: [UInt8]
    let file: String
    var position: Int
    var buffer: UInt64 = 0
    var count = 0
    /// Set when a marker (other than a stuffed 0xFF00) has been reached.
    var hitMarker = false
    /// Zero bits fed after a marker or the end of the file; they sit after every real bit.
    var padding = 0

    /// True once a decoded symbol used a bit that is not in the file (truncated or damaged data).
    var isPastEnd: Bool { padding > count }

    init(_ bytes: [UInt8], file: String, position: Int) {
        self.bytes = bytes
        self.file = file
        self.position = position
    }

    @inline(__always)
    mutating func fill() {
        while count <= 56 {
            var byte: UInt8 = 0
            if !hitMarker && position < bytes.count {
                byte = bytes[position]
                if byte == 0xff {
                    let next = position + 1 < bytes.count ? bytes[position + 1] : 0xd9
                    if next == 0x00 {
                        position += 2
                    } else {
                        hitMarker = true
                        byte = 0
                    }
                } else {
                    position += 1
                }
            } else {
                padding += 8
            }
            buffer |= UInt64(byte) << UInt64(56 - count)
            count += 8
        }
    }

    @inline(__always)
    mutating func bits(_ n: Int) -> Int {
        if n == 0 { return 0 }
        if count < n { fill() }
        let value = Int(buffer >> UInt64(64 - n))
        buffer <<= UInt64(n)
        count -= n
        return value
    }

    @inline(__always)
    mutating func bit() -> Int { bits(1) }

    /// The JPEG "receive and extend" of an n-bit magnitude category.
    @inline(__always)
    mutating func receiveExtend(_ n: Int) -> Int {
        if n == 0 { return 0 }
        let value = bits(n)
        return value < 1 << (n - 1) ? value - (1 << n) + 1 : value
    }

    mutating func decode(_ table: JPEGHuffmanTable) throws(FormatError) -> Int {
        if count < 16 { fill() }
        let peek = Int(buffer >> 55)
        let entry = table.fast[peek]
        if entry != 0 {
            let length = Int(entry & 0xff)
            buffer <<= UInt64(length)
            count -= length
            return Int(entry >> 8)
        }
        let code16 = Int32(buffer >> 48)
        for length in 10...16 {
            let code = code16 >> Int32(16 - length)
            if code <= table.maxCode[length] {
                buffer <<= UInt64(length)
                count -= length
                let index = Int(code + table.valueOffset[length])
                guard index >= 0, index < table.symbols.count else { break }
                return Int(table.symbols[index])
            }
        }
        throw FormatError(.invalid, file: file, at: .byte(position), expected: "a valid Huffman code", found: "corrupt entropy-coded data")
    }

    /// Drops the buffered bits and moves past a restart marker RSTn (0xFFD0...0xFFD7).
    mutating func restart() throws(FormatError) {
        buffer = 0
        count = 0
        padding = 0
        hitMarker = false
        // Skip any fill bytes, then expect the marker.
        while position + 1 < bytes.count, bytes[position] == 0xff, bytes[position + 1] == 0xff { position += 1 }
        guard position + 1 < bytes.count, bytes[position] == 0xff, (0xd0...0xd7).contains(bytes[position + 1]) else {
            throw FormatError(.invalid, file: file, at: .byte(position), expected: "a restart marker (FFD0…FFD7)",
                              found: hexBytes(bytes[Swift.min(position, bytes.count)...].prefix(2)))
        }
        position += 2
    }

    /// The offset of the next marker after the scan data (skipping RST markers). The reader
    /// never moves past a marker, so it is at or after `position`.
    func nextMarkerOffset() -> Int {
        var index = position
        while index + 1 < bytes.count {
            if bytes[index] == 0xff {
                let next = bytes[index + 1]
                if next != 0 && next != 0xff && !(0xd0...0xd7).contains(next) { return index }
            }
            index += 1
        }
        return bytes.count
    }
}
