import Testing
@testable import BackpropCompression

/// ``Zlib/decompress(_:maximumOutputCount:into:)`` against the whole-buffer decompressor on
/// the same streams: the pieces concatenated must equal its output exactly.
@Suite struct ZlibStreamingTests {
    /// 3 MiB with repeats at every distance up to 32 KiB, so matches reach across the pieces.
    static let data: [UInt8] = {
        var state: UInt32 = 12345
        var bytes = [UInt8]()
        while bytes.count < 3 << 20 {
            state = state &* 1_103_515_245 &+ 12345
            if bytes.count > 40000 && state % 3 == 0 {
                let distance = Int(state >> 8) % 32768 + 1, length = Int(state >> 4) % 200 + 3
                for _ in 0..<length { bytes.append(bytes[bytes.count - distance]) }
            } else {
                bytes.append(UInt8(truncatingIfNeeded: state >> 16))
            }
        }
        return bytes
    }()

    @Test(arguments: [0, 1, 6])
    func piecesEqualTheWholeOutput(level: Int) throws {
        let packed = Zlib.compress(Self.data, level: level)
        var streamed = [UInt8](), pieces = 0
        let result = try packed.withUnsafeBytes { raw in
            try Zlib.decompress(raw, maximumOutputCount: Self.data.count) { piece in
                streamed += piece
                pieces += 1
            }
        }
        #expect(result.outputCount == Self.data.count && result.consumedCount == packed.count)
        #expect(streamed == Self.data)
        #expect(pieces > 1)
    }

    @Test func limitAndChecksumStillApply() throws {
        let packed = Zlib.compress(Self.data, level: 1)
        #expect(throws: CompressionError.self) {
            try packed.withUnsafeBytes { raw in try Zlib.decompress(raw, maximumOutputCount: Self.data.count - 1) { _ in } }
        }
        var damaged = packed
        damaged[damaged.count - 1] ^= 1
        #expect(throws: CompressionError.self) {
            try damaged.withUnsafeBytes { raw in try Zlib.decompress(raw, maximumOutputCount: Self.data.count) { _ in } }
        }
    }
}
