import Testing
@testable import BackpropFormats
import BackpropTestSupport

/// JPEG decoding against Pillow (libjpeg-turbo) decoding the same files.
///
/// Tolerance: every sample within 2 of Pillow's and the mean absolute difference below 0.1.
/// The decoder reproduces libjpeg's default pipeline (integer IDCT, fancy upsampling,
/// fixed-point colour conversion), so in practice the match is exact; the margin allows for a
/// different libjpeg build on another machine.
@Suite struct JPEGDecoderTests {
    static let maximumDifference = 2
    static let meanDifference = 0.1

    @Test(arguments: Fixtures.manifest.jpeg)
    func matchesPillowWithinTolerance(entry: Fixtures.ImageEntry) throws {
        let image = try ImageFile.read(path: Fixtures.path(entry.file))
        #expect(image.width == entry.width && image.height == entry.height && image.channels == entry.channels)
        let samples = image.uint8Samples.map(Int.init)
        let pixels = try #require(entry.pixels)
        try #require(samples.count == pixels.count)
        let differences = zip(samples, pixels).map { abs($0 - $1) }
        let worst = differences.max() ?? 0
        let mean = Double(differences.reduce(0, +)) / Double(Swift.max(differences.count, 1))
        #expect(worst <= Self.maximumDifference, "max |Δ| \(worst)")
        #expect(mean < Self.meanDifference, "mean |Δ| \(mean)")
    }

    @Test(arguments: Fixtures.manifest.jpeg_unsupported)
    func cmykIsUnsupported(file: String) throws {
        let error = try #require(throws: FormatError.self) { try ImageFile.read(path: Fixtures.path(file)) }
        #expect(error.reason == .unsupported)
        #expect(error.description.contains("CMYK"))
    }

    /// The offset of the SOF0 marker in a baseline fixture.
    static func frameOffset(_ bytes: [UInt8]) -> Int? {
        (0..<(bytes.count - 1)).first { bytes[$0] == 0xff && bytes[$0 + 1] == 0xc0 }
    }

    @Test func arithmeticCodingAnd12BitAreUnsupported() throws {
        let good = try Fixtures.bytes("jpeg/baseline_444.jpg")
        let sof = try #require(Self.frameOffset(good))
        var arithmetic = good
        arithmetic[sof + 1] = 0xc9
        let a = try #require(throws: FormatError.self) { try JPEGDecoder.decode(arithmetic) }
        #expect(a.reason == .unsupported && a.location == .byte(sof) && a.description.contains("arithmetic"))
        var twelve = good
        twelve[sof + 4] = 12
        let t = try #require(throws: FormatError.self) { try JPEGDecoder.decode(twelve) }
        #expect(t.reason == .unsupported && t.description.contains("12-bit"))
        var lossless = good
        lossless[sof + 1] = 0xc3
        #expect(throws: FormatError.self) { try JPEGDecoder.decode(lossless) }
    }

    @Test func truncatedAndCorruptFilesNeverCrash() throws {
        for file in ["jpeg/progressive_420.jpg", "jpeg/restart_420.jpg", "jpeg/baseline_422.jpg"] {
            let good = try Fixtures.bytes(file)
            for cut in stride(from: 0, to: good.count, by: 97) {
                _ = try? JPEGDecoder.decode(Array(good.prefix(cut)))
            }
            var generator = SplitMix64(seed: 5)
            for _ in 0..<40 {
                var corrupt = good
                for _ in 0..<4 { corrupt[Int(generator.next() % UInt64(good.count))] = UInt8(truncatingIfNeeded: generator.next()) }
                _ = try? JPEGDecoder.decode(corrupt)
            }
        }
        #expect(throws: FormatError.self) { try JPEGDecoder.decode([0xff, 0xd8]) }
        #expect(throws: FormatError.self) { try JPEGDecoder.decode([0xff]) }
    }

    @Test func exifOrientationIsRead() throws {
        let bytes = try Fixtures.bytes("jpeg/orientation6.jpg")
        let raw = try JPEGDecoder.decode(bytes)
        #expect(raw.width == 29 && raw.height == 37)  // stored 37×29, turned upright
    }

    @Test func orientationsAreTheEightSymmetries() {
        let image = Image(width: 3, height: 2, channels: 1, samples: [1, 2, 3, 4, 5, 6])
        #expect(image.oriented(exifOrientation: 1) == image)
        #expect(image.oriented(exifOrientation: 2).uint8Samples == [3, 2, 1, 6, 5, 4])
        #expect(image.oriented(exifOrientation: 3).uint8Samples == [6, 5, 4, 3, 2, 1])
        #expect(image.oriented(exifOrientation: 4).uint8Samples == [4, 5, 6, 1, 2, 3])
        #expect(image.oriented(exifOrientation: 5).uint8Samples == [1, 4, 2, 5, 3, 6])
        #expect(image.oriented(exifOrientation: 6).uint8Samples == [4, 1, 5, 2, 6, 3])
        #expect(image.oriented(exifOrientation: 7).uint8Samples == [6, 3, 5, 2, 4, 1])
        #expect(image.oriented(exifOrientation: 8).uint8Samples == [3, 6, 2, 5, 1, 4])
    }
}
