import BackpropIO
import BackpropCompression

/// A decoded PNG at its own bit depth, before conversion to an `Image`.
public struct PNGImage: Sendable, Equatable {
    /// Columns of pixels.
    public var width: Int
    /// Rows of pixels.
    public var height: Int
    /// Samples per pixel after palette expansion: 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA
    /// (palette images give 3, or 4 with a `tRNS` chunk; gray and RGB with `tRNS` gain alpha).
    public var channels: Int
    /// Bits per sample: 1, 2, 4, 8 or 16 (palette images report 8, the palette's depth).
    public var bitDepth: Int
    /// The samples, row, column, channel, each in 0..<2^bitDepth.
    public var samples: [UInt16]

    /// The image with 8-bit samples (1-, 2- and 4-bit gray scaled to 0...255) or, for 16-bit
    /// files, float samples `value / 65535`.
    public var image: Image {
        switch bitDepth {
        case 16:
            return Image(width: width, height: height, channels: channels, pixels: .float(samples.map { Float($0) / 65535 }))
        default:
            let scale = UInt16(255 / ((1 << bitDepth) - 1))
            return Image(width: width, height: height, channels: channels, pixels: .uint8(samples.map { UInt8($0 * scale) }))
        }
    }
}

/// Decodes PNG files: bit depths 1–16; gray, gray + alpha, RGB, RGBA and palette (with
/// `tRNS` transparency); Adam7 interlacing; all five row filters. Every chunk's CRC is
/// verified, and the decompressed size is bounded by the header before inflating.
public enum PNGDecoder {
    /// The eight signature bytes of every PNG file.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

    /// The largest image decoded, in pixels (2^28, e.g. 16384 × 16384).
    public static let maximumPixelCount = 1 << 28

    /// Decodes a PNG held in memory; `file` names it in errors.
    ///
    /// - Throws: ``FormatError``: a bad signature, a chunk CRC mismatch (naming the chunk and
    ///   its offset), a missing or invalid `IHDR`, an unknown critical chunk, a bad zlib stream,
    ///   image data of the wrong size, a bad filter type, or a palette index past the palette.
    public static func decode(_ bytes: [UInt8], file: String = "<bytes>") throws(FormatError) -> PNGImage {
        let chunks = try readChunks(bytes, file: file)
        let header = chunks.header
        let rawCount = header.rawByteCount
        try checkBudget(header, file: file, bytes: MemoryBudget.sum([rawCount, header.sampleBytes]))
        let raw: [UInt8]
        do {
            raw = try Zlib.decompress(chunks.compressed, maximumOutputCount: rawCount)
        } catch {
            throw FormatError(error, file: file, base: chunks.idatOffset, what: "a valid zlib stream in the IDAT chunks")
        }
        guard raw.count == rawCount else {
            throw FormatError(.mismatch, file: file, at: .byte(chunks.idatOffset),
                              expected: "\(rawCount) bytes of image data", found: "\(raw.count) bytes")
        }
        var samples = try unfilterAndUnpack(raw, header: header, file: file, offset: chunks.idatOffset)
        return try expand(&samples, header: header, palette: chunks.palette, transparency: chunks.transparency, file: file)
    }

    /// Throws ``FormatError/Reason/tooLarge`` unless `bytes` of working memory for the image of
    /// `header` fit ``MemoryBudget/current``.
    static func checkBudget(_ header: Header, file: String, bytes: Int?) throws(FormatError) {
        let what = "a \(header.width)×\(header.height) \(header.bitDepth)-bit PNG decoded in full"
        if let refusal = MemoryBudget.current.refusal(bytes: bytes, for: what) { throw FormatError(refusal, file: file) }
    }

    /// The chunks a decode needs, after every CRC was checked.
    struct Chunks {
        var header: Header
        var palette: [UInt8]
        var transparency: [UInt8]?
        /// The IDAT chunks' data, concatenated.
        var compressed: [UInt8]
        /// Where the first IDAT chunk's data starts.
        var idatOffset: Int
    }

    /// Walks the chunks up to IEND, checking the signature, each CRC and the chunk order.
    static func readChunks(_ bytes: [UInt8], file: String) throws(FormatError) -> Chunks {
        var reader = ByteReader(bytes, file: file)
        let head = try reader.bytes(8, "the PNG signature")
        guard Array(head) == signature else {
            throw reader.error(.invalid, expected: "the PNG signature 89 50 4E 47 0D 0A 1A 0A", found: hexBytes(head), at: 0)
        }
        var header: Header?
        var palette: [UInt8] = []
        var transparency: [UInt8]?
        var compressed: [UInt8] = []
        var idatOffset = 0
        var ended = false
        while !ended {
            let chunkOffset = reader.position
            let length = Int(try reader.uint32("a chunk length", order: .bigEndian))
            let typeBytes = try reader.bytes(4, "a chunk type")
            let type = String(decoding: typeBytes, as: UTF8.self)
            let data = try reader.bytes(length, "the \(type) chunk")
            let storedCRC = try reader.uint32("the \(type) chunk's CRC", order: .bigEndian)
            var crc = CRC32()
            crc.update(Array(typeBytes))
            crc.update(Array(data))
            guard crc.value == storedCRC else {
                throw reader.error(.invalid, expected: "the \(type) chunk's CRC \(crc.value)", found: "\(storedCRC)", at: chunkOffset)
            }
            if header == nil && type != "IHDR" {
                throw reader.error(.invalid, expected: "the IHDR chunk first", found: "a \(type) chunk", at: chunkOffset)
            }
            switch type {
            case "IHDR":
                guard header == nil else { throw reader.error(.invalid, expected: "one IHDR chunk", found: "a second", at: chunkOffset) }
                header = try Header(Array(data), file: file, offset: chunkOffset)
            case "PLTE":
                guard length % 3 == 0, (3...768).contains(length) else {
                    throw reader.error(.invalid, expected: "a palette of 1...256 RGB entries", found: "\(length) bytes", at: chunkOffset)
                }
                palette = Array(data)
            case "tRNS": transparency = Array(data)
            case "IDAT":
                if compressed.isEmpty { idatOffset = chunkOffset + 8 }
                compressed += data
            case "IEND": ended = true
            default:
                // Lower-case first letter: ancillary, safe to ignore. Upper-case: critical.
                if let first = typeBytes.first, first & 0x20 == 0 {
                    throw reader.error(.unsupported, expected: "a known critical chunk", found: "the \(type) chunk", at: chunkOffset)
                }
            }
        }
        guard let header else { throw reader.error(.truncated, expected: "an IHDR chunk", found: "none") }
        if header.colorType == 3 && palette.isEmpty {
            throw FormatError(.invalid, file: file, expected: "a PLTE chunk for a palette image", found: "none")
        }
        return Chunks(header: header, palette: palette, transparency: transparency, compressed: compressed, idatOffset: idatOffset)
    }

    /// The fields of the IHDR chunk.
    struct Header {
        var width: Int
        var height: Int
        var bitDepth: Int
        var colorType: Int
        var interlaced: Bool

        /// Samples per pixel as stored (palette indices count as one).
        var storedChannels: Int { [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][colorType]! }
        var bitsPerPixel: Int { storedChannels * bitDepth }

        init(_ data: [UInt8], file: String, offset: Int) throws(FormatError) {
            var reader = ByteReader(data, file: file)
            func bad(_ expected: String, _ found: String) -> FormatError {
                FormatError(.invalid, file: file, at: .byte(offset), expected: expected, found: found)
            }
            guard data.count == 13 else { throw bad("a 13-byte IHDR chunk", "\(data.count) bytes") }
            width = Int(try reader.uint32(order: .bigEndian))
            height = Int(try reader.uint32(order: .bigEndian))
            bitDepth = Int(try reader.uint8())
            colorType = Int(try reader.uint8())
            let compression = try reader.uint8()
            let filter = try reader.uint8()
            let interlace = try reader.uint8()
            guard width > 0, height > 0, width < 1 << 31, height < 1 << 31 else { throw bad("a positive width and height", "\(width)×\(height)") }
            guard width * height <= PNGDecoder.maximumPixelCount else {
                throw FormatError(.unsupported, file: file, at: .byte(offset), expected: "at most 2^28 pixels", found: "\(width)×\(height)")
            }
            let allowed: [Int: [Int]] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
            guard let depths = allowed[colorType] else { throw bad("colour type 0, 2, 3, 4 or 6", "\(colorType)") }
            guard depths.contains(bitDepth) else { throw bad("bit depth \(depths) for colour type \(colorType)", "\(bitDepth)") }
            guard compression == 0, filter == 0 else { throw bad("compression and filter method 0", "\(compression) and \(filter)") }
            guard interlace <= 1 else { throw bad("interlace method 0 or 1", "\(interlace)") }
            interlaced = interlace == 1
        }

        /// The (x0, y0, dx, dy) of each pass: one pass, or the seven of Adam7.
        var passes: [(Int, Int, Int, Int)] {
            interlaced
                ? [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
                : [(0, 0, 1, 1)]
        }

        /// The size of one pass's pixel grid.
        func passSize(_ pass: (Int, Int, Int, Int)) -> (width: Int, height: Int) {
            ((width - pass.0 + pass.2 - 1) / pass.2, (height - pass.1 + pass.3 - 1) / pass.3)
        }

        /// Samples per pixel after palette expansion and `tRNS` (at most one more than stored).
        var outputChannels: Int { colorType == 3 ? 4 : storedChannels + (colorType == 0 || colorType == 2 ? 1 : 0) }

        /// Upper bound of the bytes a full decode holds besides the raw stream: the stored
        /// samples, the expanded ones (2 bytes each) and the ``Image`` (4 bytes a float sample).
        var sampleBytes: Int? {
            let samples = MemoryBudget.size(shape: [width, height, storedChannels + outputChannels], elementSize: 2)
            return MemoryBudget.sum([samples, MemoryBudget.size(shape: [width, height, outputChannels], elementSize: 4)])
        }

        /// Bytes of the decompressed stream: per non-empty pass, rows of one filter byte plus packed samples.
        var rawByteCount: Int {
            passes.reduce(0) { total, pass in
                let (w, h) = passSize(pass)
                return w == 0 || h == 0 ? total : total + h * (1 + (w * bitsPerPixel + 7) / 8)
            }
        }
    }
}
