import Testing
import BackpropCompression
@testable import BackpropFormats

/// PNG decoding against Pillow-written files (decoded by Pillow) and hand-written files
/// (every colour type and bit depth, Adam7, all five filters, split IDAT; their samples are the
/// generator's input, and Pillow decodes them to the same values). Compared exactly.
@Suite struct PNGDecoderTests {
    @Test(arguments: Fixtures.manifest.png)
    func decodesEveryFixtureExactly(entry: Fixtures.ImageEntry) throws {
        let png = try PNGDecoder.decode(try Fixtures.bytes(entry.file), file: entry.file)
        #expect(png.width == entry.width && png.height == entry.height)
        #expect(png.channels == entry.channels)
        #expect(png.bitDepth == entry.bit_depth)
        #expect(png.samples.map(Int.init) == entry.samples)
    }

    @Test func imageConversionScalesDepths() throws {
        let sixteen = try PNGDecoder.decode(try Fixtures.bytes("png/pillow_I16.png"))
        guard case .float(let values) = sixteen.image.pixels else { Issue.record("16-bit should give float samples"); return }
        #expect(values == sixteen.samples.map { Float($0) / 65535 })
        let one = try ImageFile.read(path: Fixtures.path("png/hand_ct0_1bit.png"))
        #expect(Set(one.uint8Samples).isSubset(of: [0, 255]))
        let two = try PNGDecoder.decode(try Fixtures.bytes("png/hand_ct0_2bit_adam7.png"))
        #expect(two.image.uint8Samples == two.samples.map { UInt8($0 * 85) })
    }

    @Test func corruptFilesAreRefusedWithTypedErrors() throws {
        let good = try Fixtures.bytes("png/pillow_RGB.png")
        // A flipped bit in the IHDR data: CRC mismatch at the chunk's offset (8).
        var flipped = good
        flipped[20] ^= 0x01
        let crc = try #require(throws: FormatError.self) { try PNGDecoder.decode(flipped) }
        #expect(crc.reason == .invalid && crc.location == .byte(8))
        // Truncated anywhere.
        for cut in [4, 20, 40, good.count - 5] {
            #expect(throws: FormatError.self) { try PNGDecoder.decode(Array(good.prefix(cut))) }
        }
        var signature = good
        signature[1] = 0
        #expect(throws: FormatError.self) { try PNGDecoder.decode(signature) }
        // A huge width claimed in a valid-CRC header is refused before allocating.
        var huge = good
        huge[16...19] = [0x7f, 0xff, 0xff, 0xff]
        let crcValue = CRC32.checksum(Array(huge[12..<29]))
        huge[29...32] = [UInt8(crcValue >> 24), UInt8(crcValue >> 16 & 0xff), UInt8(crcValue >> 8 & 0xff), UInt8(crcValue & 0xff)]
        let big = try #require(throws: FormatError.self) { try PNGDecoder.decode(huge) }
        #expect(big.reason == .unsupported)
    }

    @Test func badFilterTypeIsRefused() throws {
        // A 1×1 gray image whose only row uses filter type 7.
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            let crc = CRC32.checksum(body)
            return [UInt8(data.count >> 24), UInt8(data.count >> 16 & 0xff), UInt8(data.count >> 8 & 0xff), UInt8(data.count & 0xff)]
                + body + [UInt8(crc >> 24), UInt8(crc >> 16 & 0xff), UInt8(crc >> 8 & 0xff), UInt8(crc & 0xff)]
        }
        let header: [UInt8] = [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]
        let file = PNGDecoder.signature + chunk("IHDR", header) + chunk("IDAT", Zlib.compress([7, 42])) + chunk("IEND", [])
        let error = try #require(throws: FormatError.self) { try PNGDecoder.decode(file) }
        #expect(error.reason == .invalid)
        let fine = PNGDecoder.signature + chunk("IHDR", header) + chunk("IDAT", Zlib.compress([0, 42])) + chunk("IEND", [])
        #expect(try PNGDecoder.decode(fine).samples == [42])
        // Too much image data for the header.
        let long = PNGDecoder.signature + chunk("IHDR", header) + chunk("IDAT", Zlib.compress([0, 42, 1])) + chunk("IEND", [])
        #expect(throws: FormatError.self) { try PNGDecoder.decode(long) }
    }
}
