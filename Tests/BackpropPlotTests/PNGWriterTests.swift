import BackpropCompression
@testable import BackpropPlot
import Foundation
import Testing

@Suite struct PNGWriterTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixture() throws -> [String: [UInt8]] {
        let text = try String(contentsOf: fixtures.appendingPathComponent("png_fixture.txt"), encoding: .utf8)
        var result: [String: [UInt8]] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            let hex = Array(parts[1].utf8)
            result[String(parts[0])] = stride(from: 0, to: hex.count, by: 2).map { UInt8(String(decoding: hex[$0..<($0 + 2)], as: UTF8.self), radix: 16)! }
        }
        return result
    }

    @Test func structureMatchesThePythonFixture() throws {
        // Fixture from Fixtures/make_png_fixture.py (Python zlib.crc32 and its own filter choice); exact bytes.
        let f = try Self.fixture()
        let image = Image(width: 7, height: 5, channels: 3, samples: f["pixels"]!)
        let file = PNGWriter.encode(image)
        let ihdr = f["ihdr"]!, iend = f["iend"]!
        #expect(Array(file[8..<(8 + ihdr.count)]) == ihdr)
        #expect(Array(file.suffix(iend.count)) == iend)
        #expect(PNGWriter.filterScanlines(image) == f["filtered"]!)
    }

    /// PNG colour types by channel count (ISO/IEC 15948 table 11.1): grey, grey + alpha, RGB, RGBA.
    static let colorTypes: [Int: UInt8] = [1: 0, 2: 4, 3: 2, 4: 6]

    @Test(arguments: [1, 2, 3, 4], [1, 5, 33])
    func roundTripsPixelsExactly(channels: Int, size: Int) throws {
        let count = size * (size + 3) * channels
        // Half noise, half smooth gradient, so that different rows prefer different filters.
        let noise = testBytes(count: count, seed: UInt64(size * 10 + channels))
        let pixels = (0..<count).map { i in i < count / 2 ? noise[i] : UInt8((i / channels) % 251) }
        let image = Image(width: size, height: size + 3, channels: channels, samples: pixels)
        let decoded = try DecodedPNG(PNGWriter.encode(image))
        #expect(decoded.width == size && decoded.height == size + 3)
        #expect(decoded.bitDepth == 8 && decoded.interlace == 0)
        #expect(decoded.colorType == Self.colorTypes[channels])
        #expect(decoded.pixels == pixels)
        for chunk in decoded.chunks {
            var crc = CRC32()
            crc.update(Array(chunk.type.utf8))
            crc.update(chunk.data)
            #expect(crc.value == chunk.storedCRC, "CRC of \(chunk.type)")
        }
        #expect(decoded.chunks.map(\.type).first == "IHDR")
        #expect(decoded.chunks.map(\.type).last == "IEND")
        #expect(decoded.chunks.last?.storedCRC == 0xAE42_6082)  // the CRC every IEND chunk carries
    }

    @Test func choosesSeveralFilters() throws {
        // The first gradient row favours Sub (Up = None there); repeated rows favour Up (all zeros).
        let noise = testBytes(count: 16, seed: 7)
        var pixels: [UInt8] = []
        for y in 0..<16 { for x in 0..<16 { pixels.append(y < 8 ? UInt8(x * 16) : noise[x]) } }
        let decoded = try DecodedPNG(PNGWriter.encode(Image(width: 16, height: 16, channels: 1, samples: pixels)))
        #expect(decoded.filterTypes[0] == PNGWriter.Filter.sub.rawValue)
        #expect(decoded.filterTypes[1] == PNGWriter.Filter.up.rawValue)
        #expect(decoded.filterTypes[12] == PNGWriter.Filter.up.rawValue)
        #expect(decoded.pixels == pixels)
    }

    @Test func longStreamsAreSplitIntoSeveralIDATChunks() throws {
        let pixels = testBytes(count: 40 * 30 * 3, seed: 99)
        let image = Image(width: 40, height: 30, channels: 3, samples: pixels)
        let decoded = try DecodedPNG(PNGWriter.encode(image, level: 6, idatChunkSize: 500))
        let idat = decoded.chunks.filter { $0.type == "IDAT" }
        #expect(idat.count >= 7)  // 3600 bytes of noise do not compress below 3000
        #expect(idat.dropLast().allSatisfy { $0.data.count == 500 })
        #expect(decoded.pixels == pixels)
    }

    @Test func paethPredictorFollowsTheSpec() {
        #expect(PNGWriter.paethPredictor(10, 20, 10) == 20)  // p = 20: b is exact
        #expect(PNGWriter.paethPredictor(20, 10, 10) == 20)  // p = 20: a is exact
        #expect(PNGWriter.paethPredictor(10, 10, 10) == 10)  // ties go to a
        #expect(PNGWriter.paethPredictor(0, 255, 255) == 0)
        #expect(PNGWriter.paethPredictor(100, 50, 200) == 50)  // p = -50: nearest is b (50)
    }

    @Test func writesAtomicallyAndLeavesNoTemporaryFile() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a.png").path
        let image = Image(width: 2, height: 2, channels: 1, samples: [0, 64, 128, 255])
        try PNGWriter.write(image, to: path)
        try PNGWriter.write(image, to: path)  // replaces the existing file
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == PNGWriter.encode(image))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.png"])
    }

    @Test func writingGoesThroughTheSharedAtomicWriter() throws {
        // The shared writer (BackpropIO.AtomicFile) removes temporaries left by dead writers of
        // the same file; the plots' own writer did not.
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stale = ".a.png.2147483600.17.tmp"
        try Data([1, 2, 3]).write(to: folder.appendingPathComponent(stale))
        try PNGWriter.write(Image(width: 1, height: 1, channels: 1, samples: [9]), to: folder.appendingPathComponent("a.png").path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.png"])
    }

    @Test func missingFolderIsATypedError() {
        let path = "/nonexistent-backprop-folder/x.png"
        #expect {
            try PNGWriter.write(Image(width: 1, height: 1, channels: 1, samples: [0]), to: path)
        } throws: { error in
            guard case let .writeFailed(p, reason) = error as? PlotError else { return false }
            return p == path && "\(error)".contains(path)
                && reason.hasPrefix("cannot create a temporary file in /nonexistent-backprop-folder: ")
        }
    }
}
