import Foundation
import Testing
import BackpropIO
import BackpropCompression
@testable import BackpropFormats

/// Decoding into the model's size (``ImageFile/read(path:fitting:method:)``) against the
/// reference path it replaces, a full decode then `converted(toChannels:)` and
/// `resized(width:height:method:)`; the memory budget around image decoding; damaged
/// signatures and truncated scans (issue 17, classes 5, 6 and 7).
///
/// Tolerance: none. The streaming resampler performs the same Float operations in the same
/// order as `Image.resized`, so the images must be equal bit for bit.
@Suite struct ImageBudgetTests {
    static let files = Fixtures.manifest.png.map(\.file) + Fixtures.manifest.jpeg.map(\.file)
    /// Shrinking, odd ratios, every channel count, enlarging, and the identity.
    static let shapes = [
        ImageShape(width: 64, height: 64, channels: 3), ImageShape(width: 7, height: 5, channels: 1),
        ImageShape(width: 13, height: 3, channels: 4), ImageShape(width: 1, height: 1, channels: 2),
        ImageShape(width: 97, height: 71, channels: 3),
    ]

    @Test(arguments: files)
    func fittingEqualsFullDecodeThenResize(file: String) throws {
        let full = try ImageFile.read(path: Fixtures.path(file))
        for shape in Self.shapes + [ImageShape(width: full.width, height: full.height, channels: full.channels)] {
            for method in ResizeMethod.allCases {
                let reference = full.converted(toChannels: shape.channels).resized(width: shape.width, height: shape.height, method: method)
                let fitted = try ImageFile.read(path: Fixtures.path(file), fitting: shape, method: method)
                #expect(fitted == reference, "\(file) → \(shape) \(method)")
            }
        }
    }

    /// A `width` × `height` 16-bit RGBA PNG of a smooth gradient (rows with filter 2, "up").
    static func largePNG(width: Int, height: Int) -> [UInt8] {
        var raw = [UInt8]()
        raw.reserveCapacity(height * (1 + width * 8))
        for y in 0..<height {
            raw.append(y == 0 ? 0 : 2)
            for x in 0..<width {
                let value = UInt16(truncatingIfNeeded: (x * 65535) / width)
                let sample: [UInt8] = y == 0 ? [UInt8(value >> 8), UInt8(value & 0xff)] : [0, 0]
                raw += sample + sample + [UInt8(y == 0 ? 0x80 : 0), 0] + [y == 0 ? 0xff : 0, y == 0 ? 0xff : 0]
            }
        }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            let crc = CRC32.checksum(body)
            let length = UInt32(data.count)
            return [UInt8(length >> 24), UInt8((length >> 16) & 0xff), UInt8((length >> 8) & 0xff), UInt8(length & 0xff)]
                + body + [UInt8(crc >> 24), UInt8((crc >> 16) & 0xff), UInt8((crc >> 8) & 0xff), UInt8(crc & 0xff)]
        }
        let w = UInt32(width), h = UInt32(height)
        let header: [UInt8] = [UInt8(w >> 24), UInt8((w >> 16) & 0xff), UInt8((w >> 8) & 0xff), UInt8(w & 0xff),
                               UInt8(h >> 24), UInt8((h >> 16) & 0xff), UInt8((h >> 8) & 0xff), UInt8(h & 0xff), 16, 6, 0, 0, 0]
        return PNGDecoder.signature + chunk("IHDR", header) + chunk("IDAT", Zlib.compress(raw, level: 1)) + chunk("IEND", [])
    }

    @Test func largePNGFitsABudgetItsFullDecodeDoesNot() throws {
        let bytes = Self.largePNG(width: 1024, height: 768)  // 6 MiB of rows, 25 MiB decoded in full
        let shape = ImageShape(width: 64, height: 64, channels: 3)
        let reference = try ImageFile.read(bytes: bytes, file: "big.png").converted(toChannels: 3).resized(width: 64, height: 64)
        try MemoryBudget.$current.withValue(MemoryBudget(bytes: 4 << 20)) {
            let fitted = try ImageFile.read(bytes: bytes, file: "big.png", fitting: shape)
            #expect(fitted == reference)
            let error = try #require(throws: FormatError.self) { try ImageFile.read(bytes: bytes, file: "big.png") }
            #expect(error.reason == .tooLarge)
            #expect(error.file == "big.png")
            #expect(error.description.contains("1024×768") && error.description.contains("4.0 MiB"), "\(error)")
        }
    }

    @Test func jpegCoefficientsAreCheckedAgainstTheBudget() throws {
        let bytes = try Fixtures.bytes("jpeg/baseline_444.jpg")
        try MemoryBudget.$current.withValue(MemoryBudget(bytes: 1000)) {
            let error = try #require(throws: FormatError.self) {
                try ImageFile.read(bytes: bytes, file: "photo.jpg", fitting: ImageShape(width: 8, height: 8, channels: 3))
            }
            #expect(error.reason == .tooLarge && error.file == "photo.jpg")
            #expect(error.description.contains("coefficients"), "\(error)")
        }
    }

    @Test func damagedSignatureInAnImageFileIsInvalid() throws {
        var png = try Fixtures.bytes("png/pillow_RGB.png")
        png[1] = 0x51
        let badPNG = try #require(throws: FormatError.self) { try ImageFile.read(bytes: png, file: "cat.png") }
        #expect(badPNG.reason == .invalid && badPNG.expected.contains("PNG signature"), "\(badPNG)")
        var jpeg = try Fixtures.bytes("jpeg/baseline_420.jpg")
        jpeg[1] = 0xd9
        let badJPEG = try #require(throws: FormatError.self) { try ImageFile.read(bytes: jpeg, file: "cat.JPG") }
        #expect(badJPEG.reason == .invalid && badJPEG.expected.contains("FF D8"), "\(badJPEG)")
        // Without an image extension, bytes that are neither format stay unsupported.
        let other = try #require(throws: FormatError.self) { try ImageFile.read(bytes: png, file: "cat.bin") }
        #expect(other.reason == .unsupported)
    }

    @Test(arguments: ["jpeg/baseline_420.jpg", "jpeg/progressive_420.jpg", "jpeg/restart_420.jpg", "jpeg/gray.jpg"])
    func truncatedScanIsAnError(file: String) throws {
        let bytes = try Fixtures.bytes(file)
        // Cut in the middle of the first scan's entropy-coded data.
        let scanStart = try #require((0..<(bytes.count - 1)).first { bytes[$0] == 0xff && bytes[$0 + 1] == 0xda })
        let cut = Array(bytes.prefix(scanStart + (bytes.count - scanStart) / 3))
        let error = try #require(throws: FormatError.self) { try JPEGDecoder.decode(cut, file: "cut.jpg") }
        #expect(error.reason == .truncated && error.found.contains("MCU"), "\(error)")
        #expect(error.file == "cut.jpg")
    }

    @Test func completeScanWithoutEOIIsAccepted() throws {
        let bytes = try Fixtures.bytes("jpeg/baseline_420.jpg")
        try #require(bytes.suffix(2) == [0xff, 0xd9])
        #expect(try JPEGDecoder.decode(Array(bytes.dropLast(2))) == JPEGDecoder.decode(bytes))
        #expect(try JPEGDecoder.decode(bytes + [0x00, 0x13, 0x37]) == JPEGDecoder.decode(bytes))
    }
}
