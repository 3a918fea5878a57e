import BackpropCompression
@testable import BackpropPlot
import Foundation

/// A test-only PNG reader: splits chunks (checking CRCs with `CRC32`), inflates IDAT with
/// `Zlib.decompress` and undoes the filters with a straightforward reference implementation.
struct DecodedPNG {
    struct Chunk {
        var type: String
        var data: [UInt8]
        var storedCRC: UInt32
    }

    var chunks: [Chunk] = []
    var width = 0
    var height = 0
    var bitDepth: UInt8 = 0
    var colorType: UInt8 = 0
    var interlace: UInt8 = 0
    var pixels: [UInt8] = []
    var filterTypes: [UInt8] = []

    static func bigEndian(_ b: ArraySlice<UInt8>) -> UInt32 {
        b.reduce(0) { $0 << 8 | UInt32($1) }
    }

    init(_ file: [UInt8]) throws {
        guard Array(file.prefix(8)) == PNGWriter.signature else { throw TestFailure("bad signature") }
        var pos = 8
        while pos < file.count {
            guard pos + 12 <= file.count else { throw TestFailure("truncated chunk at \(pos)") }
            let length = Int(Self.bigEndian(file[pos..<(pos + 4)]))
            let type = String(decoding: file[(pos + 4)..<(pos + 8)], as: UTF8.self)
            let data = Array(file[(pos + 8)..<(pos + 8 + length)])
            let crc = Self.bigEndian(file[(pos + 8 + length)..<(pos + 12 + length)])
            chunks.append(Chunk(type: type, data: data, storedCRC: crc))
            pos += 12 + length
        }
        guard let ihdr = chunks.first, ihdr.type == "IHDR", ihdr.data.count == 13 else { throw TestFailure("no IHDR first") }
        width = Int(Self.bigEndian(ihdr.data[0..<4]))
        height = Int(Self.bigEndian(ihdr.data[4..<8]))
        bitDepth = ihdr.data[8]
        colorType = ihdr.data[9]
        interlace = ihdr.data[12]
        let bpp = [0: 1, 4: 2, 2: 3, 6: 4][Int(colorType)] ?? 0
        let raw = try Zlib.decompress(chunks.filter { $0.type == "IDAT" }.flatMap(\.data))
        let stride = width * bpp
        guard raw.count == height * (stride + 1) else { throw TestFailure("IDAT inflates to \(raw.count) bytes") }
        var previous = [UInt8](repeating: 0, count: stride)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            filterTypes.append(filter)
            var row = Array(raw[(y * (stride + 1) + 1)..<((y + 1) * (stride + 1))])
            for i in 0..<stride {
                let a = i >= bpp ? Int(row[i - bpp]) : 0, b = Int(previous[i]), c = i >= bpp ? Int(previous[i - bpp]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw TestFailure("filter type \(filter)")
                }
                row[i] = UInt8((Int(row[i]) + predictor) & 0xff)
            }
            pixels += row
            previous = row
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Deterministic pseudo-random bytes (xorshift64*), for test images.
func testBytes(count: Int, seed: UInt64) -> [UInt8] {
    var state = seed | 1
    return (0..<count).map { _ in
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return UInt8(truncatingIfNeeded: (state &* 2_685_821_657_736_338_717) >> 56)
    }
}

/// A fresh empty folder under the system temporary directory.
func makeTemporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("BackpropPlotTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
