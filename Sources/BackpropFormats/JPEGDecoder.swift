import BackpropIO

/// Decodes JPEG files: baseline and extended sequential (SOF0/SOF1) and progressive (SOF2)
/// Huffman-coded, 8-bit, grayscale or YCbCr (any sampling, 4:4:4 / 4:2:2 / 4:2:0 included),
/// restart markers, and EXIF orientation (the result is turned upright).
///
/// The pipeline mirrors libjpeg's defaults so results match Pillow closely: the accurate
/// integer inverse DCT (`JDCT_ISLOW`), "fancy" triangular chroma upsampling for 2×1 and 2×2
/// subsampling, and libjpeg's fixed-point YCbCr → RGB conversion.
///
/// Arithmetic coding, 12-bit samples, lossless and hierarchical JPEG, and CMYK/YCCK images
/// are refused with a ``FormatError`` whose reason is `.unsupported`.
public enum JPEGDecoder {
    /// The largest image decoded, in pixels (2^28).
    public static let maximumPixelCount = 1 << 28

    /// Decodes a JPEG held in memory; `file` names it in errors.
    ///
    /// - Returns: an 8-bit image with 1 (gray) or 3 (RGB) channels, EXIF orientation applied.
    /// - Throws: ``FormatError``: no SOI marker, truncated segments, bad tables, corrupt
    ///   entropy-coded data, or an unsupported feature (naming the marker and its offset).
    public static func decode(_ bytes: [UInt8], file: String = "<bytes>") throws(FormatError) -> Image {
        var state = try JPEGState(bytes, file: file)
        try state.run()
        let image = try state.output()
        return image.oriented(exifOrientation: state.orientation)
    }

    /// Decodes a JPEG straight into an image of `shape`: equal, bit for bit, to
    /// `decode(bytes).converted(toChannels:).resized(width:height:method:)`. The coefficients
    /// and sample planes are held (checked against ``MemoryBudget/current``), but the
    /// full-size RGB image is not: each output row is upsampled, converted and added into the
    /// resampled image as it is made. A rotated image (EXIF orientation other than 1) is
    /// turned in full, within the budget.
    ///
    /// - Throws: as ``decode(_:file:)``, and `.tooLarge` for what does not fit the budget.
    static func decode(_ bytes: [UInt8], file: String, fitting shape: ImageShape, method: ResizeMethod) throws(FormatError) -> Image {
        var state = try JPEGState(bytes, file: file)
        try state.run()
        if state.orientation != 1 {
            return try state.output().oriented(exifOrientation: state.orientation)
                .converted(toChannels: shape.channels).resized(width: shape.width, height: shape.height, method: method)
        }
        var resampler = ImageResampler(sourceWidth: state.width, sourceHeight: state.height, channels: shape.channels,
                                       width: shape.width, height: shape.height, method: method)
        try state.outputRows { row, channels in
            resampler.add(row: row.map { Float($0) / 255 }, channels: channels, eightBit: true)
        }
        return resampler.image(eightBit: true)
    }
}

/// A component of a JPEG frame and its coefficients.
struct JPEGComponent {
    var id: UInt8
    var h: Int
    var v: Int
    var quantTable: Int
    /// Width and height in samples of this component (`ceil(imageWidth * h / hMax)`).
    var width = 0
    var height = 0
    /// Blocks per line and column, padded to whole MCUs.
    var blocksPerLine = 0
    var blocksPerColumn = 0
    /// Where this component's blocks start in ``JPEGState/coefficients`` (64 per block,
    /// natural row-major order within a block, blocks row by row).
    var base = 0
    var dcTable = 0
    var acTable = 0
    var dcPredictor = 0
}

/// The mutable state of one decode: tables, frame and the marker loop.
struct JPEGState {
    let bytes: [UInt8]
    let file: String
    var offset = 0
    var quantTables = [[Int32]?](repeating: nil, count: 4)
    var dcTables = [JPEGHuffmanTable?](repeating: nil, count: 4)
    var acTables = [JPEGHuffmanTable?](repeating: nil, count: 4)
    var components: [JPEGComponent] = []
    var width = 0
    var height = 0
    var progressive = false
    var frameSeen = false
    var restartInterval = 0
    var mcusPerLine = 0
    var mcusPerColumn = 0
    var hMax = 1
    var vMax = 1
    var orientation = 1
    var adobeTransform: Int?
    var eobrun = 0
    /// Every component's coefficients, one after the other.
    var coefficients: [Int32] = []

    /// The zig-zag order: `zigzag[k]` is the natural index of the k-th coefficient.
    static let zigzag: [Int] = [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
        28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
        54, 47, 55, 62, 63,
    ]

    init(_ bytes: [UInt8], file: String) throws(FormatError) {
        self.bytes = bytes
        self.file = file
        guard bytes.count >= 2, bytes[0] == 0xff, bytes[1] == 0xd8 else {
            throw FormatError(.invalid, file: file, at: .byte(0), expected: "the JPEG start-of-image marker FF D8",
                              found: hexBytes(bytes.prefix(2)))
        }
        offset = 2
    }

    func error(_ reason: FormatError.Reason, _ expected: String, _ found: String, at position: Int? = nil) -> FormatError {
        FormatError(reason, file: file, at: .byte(position ?? offset), expected: expected, found: found)
    }

    /// Reads the segment of the marker at `markerOffset`: its payload (after the length).
    mutating func segment(markerOffset: Int, name: String) throws(FormatError) -> ArraySlice<UInt8> {
        var reader = ByteReader(bytes, file: file, position: markerOffset + 2)
        let length = Int(try reader.uint16("the \(name) segment length", order: .bigEndian))
        guard length >= 2 else { throw error(.invalid, "a segment length of at least 2", "\(length)", at: markerOffset + 2) }
        let payload = try reader.bytes(length - 2, "the \(name) segment")
        offset = reader.position
        return payload
    }

    /// Walks the markers until EOI, decoding tables, the frame header and every scan.
    mutating func run() throws(FormatError) {
        while true {
            // Find the next marker, skipping fill bytes.
            guard offset + 1 < bytes.count else {
                if frameSeen { return }  // tolerate a missing EOI after complete scans
                throw error(.truncated, "a JPEG marker", "the end of the file")
            }
            guard bytes[offset] == 0xff else { throw error(.invalid, "a marker (FF xx)", hexBytes(bytes[offset...].prefix(2))) }
            let markerOffset = offset
            let marker = bytes[offset + 1]
            if marker == 0xff { offset += 1; continue }
            switch marker {
            case 0xd9: return  // EOI
            case 0xd0...0xd7, 0x01: offset += 2  // stray RST / TEM: no payload
            case 0xc0, 0xc1, 0xc2:
                try readFrame(try segment(markerOffset: markerOffset, name: "SOF"), marker: marker, at: markerOffset)
            case 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf:
                let kind = marker >= 0xc9 ? "arithmetic coding" : marker == 0xc3 ? "lossless JPEG" : "hierarchical JPEG"
                throw error(.unsupported, "baseline or progressive Huffman JPEG", "\(kind) (marker FF \(hexBytes([marker])))", at: markerOffset)
            case 0xcc:
                throw error(.unsupported, "Huffman coding", "arithmetic coding tables (DAC marker)", at: markerOffset)
            case 0xc4: try readHuffmanTables(try segment(markerOffset: markerOffset, name: "DHT"), at: markerOffset)
            case 0xdb: try readQuantTables(try segment(markerOffset: markerOffset, name: "DQT"), at: markerOffset)
            case 0xdd:
                let payload = try segment(markerOffset: markerOffset, name: "DRI")
                guard payload.count == 2 else { throw error(.invalid, "a 2-byte DRI segment", "\(payload.count) bytes", at: markerOffset) }
                restartInterval = Int(payload[payload.startIndex]) << 8 | Int(payload[payload.startIndex + 1])
            case 0xda:
                let payload = try segment(markerOffset: markerOffset, name: "SOS")
                try readScan(payload, at: markerOffset)
            case 0xe1:
                let payload = try segment(markerOffset: markerOffset, name: "APP1")
                if let value = JPEGExif.orientation(Array(payload)) { orientation = value }
            case 0xee:
                let payload = Array(try segment(markerOffset: markerOffset, name: "APP14"))
                if payload.count >= 12, payload.starts(with: Array("Adobe".utf8)) { adobeTransform = Int(payload[11]) }
            default:
                // APPn, COM, DNL and other segments with a length: skipped.
                _ = try segment(markerOffset: markerOffset, name: "marker FF \(hexBytes([marker]))")
            }
        }
    }

    mutating func readQuantTables(_ payload: ArraySlice<UInt8>, at position: Int) throws(FormatError) {
        var reader = ByteReader(Array(payload), file: file)
        while !reader.isAtEnd {
            let info = try reader.uint8("a DQT table header")
            let precision = Int(info >> 4), id = Int(info & 15)
            guard precision <= 1, id < 4 else { throw error(.invalid, "a DQT precision 0/1 and table 0…3", "\(precision), \(id)", at: position) }
            var table = [Int32](repeating: 0, count: 64)
            for k in 0..<64 {
                let value = precision == 0 ? Int32(try reader.uint8("a quantizer")) : Int32(try reader.uint16("a quantizer", order: .bigEndian))
                table[JPEGState.zigzag[k]] = value
            }
            quantTables[id] = table
        }
    }

    mutating func readHuffmanTables(_ payload: ArraySlice<UInt8>, at position: Int) throws(FormatError) {
        var reader = ByteReader(Array(payload), file: file)
        while !reader.isAtEnd {
            let info = try reader.uint8("a DHT table header")
            let tableClass = Int(info >> 4), id = Int(info & 15)
            guard tableClass <= 1, id < 4 else { throw error(.invalid, "a DHT class 0/1 and table 0…3", "\(tableClass), \(id)", at: position) }
            let counts = Array(try reader.bytes(16, "the code-length counts"))
            let total = counts.reduce(0) { $0 + Int($1) }
            guard total <= 256 else { throw error(.invalid, "at most 256 Huffman symbols", "\(total)", at: position) }
            let symbols = Array(try reader.bytes(total, "the Huffman symbols"))
            let table = try JPEGHuffmanTable(counts: counts, symbols: symbols, file: file, offset: position)
            if tableClass == 0 { dcTables[id] = table } else { acTables[id] = table }
        }
    }

    mutating func readFrame(_ payload: ArraySlice<UInt8>, marker: UInt8, at position: Int) throws(FormatError) {
        guard !frameSeen else { throw error(.unsupported, "one frame", "a second SOF marker", at: position) }
        var reader = ByteReader(Array(payload), file: file)
        let precision = try reader.uint8("the sample precision")
        guard precision == 8 else { throw error(.unsupported, "8-bit samples", "\(precision)-bit samples", at: position) }
        height = Int(try reader.uint16("the image height", order: .bigEndian))
        width = Int(try reader.uint16("the image width", order: .bigEndian))
        guard width > 0, height > 0 else {
            throw error(.unsupported, "a width and height in the frame header", "\(width)×\(height) (DNL)", at: position)
        }
        guard width * height <= JPEGDecoder.maximumPixelCount else { throw error(.unsupported, "at most 2^28 pixels", "\(width)×\(height)", at: position) }
        let count = Int(try reader.uint8("the component count"))
        guard count == 1 || count == 3 else {
            let found = count == 4 ? "4 components (CMYK or YCCK)" : "\(count) components"
            throw error(.unsupported, "1 (gray) or 3 (YCbCr) components", found, at: position)
        }
        for _ in 0..<count {
            let id = try reader.uint8("a component id")
            let sampling = try reader.uint8("the sampling factors")
            let table = Int(try reader.uint8("the quantization table"))
            let h = Int(sampling >> 4), v = Int(sampling & 15)
            guard (1...4).contains(h), (1...4).contains(v), table < 4 else {
                throw error(.invalid, "sampling factors 1…4 and a table 0…3", "\(h)×\(v), table \(table)", at: position)
            }
            components.append(JPEGComponent(id: id, h: h, v: v, quantTable: table))
        }
        progressive = marker == 0xc2
        frameSeen = true
        hMax = components.map(\.h).max()!
        vMax = components.map(\.v).max()!
        mcusPerLine = (width + 8 * hMax - 1) / (8 * hMax)
        mcusPerColumn = (height + 8 * vMax - 1) / (8 * vMax)
        var total = 0
        for index in components.indices {
            let h = components[index].h, v = components[index].v
            // A component whose factors do not divide the maxima cannot be upsampled by an integer.
            guard hMax % h == 0, vMax % v == 0 else {
                throw error(.unsupported, "sampling factors that divide the largest ones", "\(h)×\(v) with maxima \(hMax)×\(vMax)", at: position)
            }
            components[index].width = (width * h + hMax - 1) / hMax
            components[index].height = (height * v + vMax - 1) / vMax
            components[index].blocksPerLine = mcusPerLine * h
            components[index].blocksPerColumn = mcusPerColumn * v
            components[index].base = total
            total += components[index].blocksPerLine * components[index].blocksPerColumn * 64
        }
        // Every coded block takes at least one bit of entropy-coded data after this header (its
        // DC difference), so a file too short for its blocks is refused before the coefficient
        // buffer (64 × 4 bytes a block) is allocated: the buffer stays proportional to the file.
        let codedBlocks = components.reduce(0) { $0 + (($1.width + 7) / 8) * (($1.height + 7) / 8) }
        let available = bytes.count - offset
        guard codedBlocks <= 8 * available else {
            throw error(.truncated, "at least \(codedBlocks) bits of image data for \(width)×\(height) pixels (one per 8×8 block)",
                        "\(available) bytes after the frame header", at: position)
        }
        // The coefficients (4 bytes each) and, later, the planes of samples (1 byte each).
        let what = "the \(width)×\(height) JPEG's coefficients and sample planes"
        if let refusal = MemoryBudget.current.refusal(bytes: MemoryBudget.size(count: total, elementSize: 5), for: what) {
            throw FormatError(refusal, file: file)
        }
        coefficients = [Int32](repeating: 0, count: total)
    }
}
