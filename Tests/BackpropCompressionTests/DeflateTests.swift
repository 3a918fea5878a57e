import Testing
@testable import BackpropCompression

@Suite("Deflate (raw DEFLATE encoder)")
struct DeflateTests {
    static func sample(_ kind: Int, count: Int) -> [UInt8] {
        switch kind {
        case 0: Fixtures.lcgBytes(seed: UInt64(count), count: count)
        case 1: Fixtures.lcgText(seed: UInt64(count), count: count)
        case 2: [UInt8](repeating: 7, count: count)
        default: (0..<count).map { UInt8(truncatingIfNeeded: $0 / 97) ^ UInt8(truncatingIfNeeded: $0 % 5) }
        }
    }

    @Test("round trip through our Inflate at every level, many sizes and kinds of data",
          arguments: 0...9)
    func roundTrip(level: Int) throws {
        for count in [0, 1, 2, 3, 4, 5, 17, 258, 259, 1000, 32767, 32768, 32769, 65535, 65536, 70001] {
            for kind in 0..<4 {
                let input = Self.sample(kind, count: count)
                let compressed = Deflate.compress(input, level: level)
                let output = try Inflate.decompress(compressed)
                #expect(output == input, "level \(level), \(count) bytes, kind \(kind)")
            }
        }
    }

    @Test("compresses: text shrinks below zlib's level-1 size at level 6, random data grows < 0.1 %")
    func ratios() throws {
        let text = Fixtures.payload("text")
        let ours = Deflate.compress(text, level: 6)
        let zlibLevel1 = try Fixtures.bytes("text_level1.deflate")
        #expect(ours.count < zlibLevel1.count, "ours \(ours.count), zlib level 1 \(zlibLevel1.count)")
        let zlibLevel6 = try Fixtures.bytes("text_level6.deflate")
        #expect(Double(ours.count) < Double(zlibLevel6.count) * 1.10, "ours \(ours.count), zlib level 6 \(zlibLevel6.count)")
        let random = Fixtures.payload("random")
        #expect(Deflate.compress(random).count <= random.count + 10)
        let repetitive = Fixtures.payload("repetitive")
        #expect(Deflate.compress(repetitive, level: 9).count < 1000)
        #expect(Deflate.compress(text, level: 9).count <= ours.count)
    }

    @Test("long-distance matches (same 8 000-byte block 30 000 bytes back) are found")
    func longDistance() throws {
        let long = Fixtures.payload("long")
        let compressed = Deflate.compress(long, level: 9)
        #expect(try Inflate.decompress(compressed) == long)
        // The second copy of the random block must cost about 31 matches, not 8 000 bytes.
        let withoutRepeat = Array(long[..<30000]) + Array(long[38000...])
        #expect(compressed.count < Deflate.compress(withoutRepeat, level: 9).count + 400)
        // zlib -9 makes 16 880 bytes of it.
        #expect(compressed.count < (try Fixtures.bytes("long_level9.deflate")).count + 200)
    }

    @Test("level 0 writes only stored blocks, readable and at most 5 bytes per 65 535 over the input")
    func stored() throws {
        let input = Self.sample(1, count: 200_000)
        let compressed = Deflate.compress(input, level: 0)
        #expect(compressed.count == input.count + 5 * 4)
        #expect(try Inflate.decompress(compressed) == input)
        #expect(Deflate.compress([], level: 0) == [0x01, 0x00, 0x00, 0xFF, 0xFF])
    }

    @Test("Huffman lengths are limited to 15 bits and form a complete code (Fibonacci frequencies)")
    func lengthLimit() {
        var frequencies = [Int](repeating: 0, count: 286)
        var a = 1, b = 1
        for symbol in 0..<30 {
            frequencies[symbol] = a
            (a, b) = (b, a + b)
        }
        let lengths = HuffmanCode.lengths(frequencies: frequencies, maximumLength: 15)
        #expect(lengths.max()! == 15)
        let kraft = lengths.filter { $0 > 0 }.reduce(0.0) { $0 + 1.0 / Double(1 << Int($1)) }
        #expect(kraft == 1.0)
        // Rarer symbols never get shorter codes.
        for symbol in 1..<30 { #expect(lengths[symbol] <= lengths[symbol - 1]) }
    }
}
