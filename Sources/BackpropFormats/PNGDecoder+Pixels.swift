import BackpropIO

extension PNGDecoder {
    /// Reverses the row filters of each pass and scatters the unpacked samples into a
    /// (height, width, storedChannels) array.
    static func unfilterAndUnpack(_ raw: [UInt8], header: Header, file: String, offset: Int) throws(FormatError) -> [UInt16] {
        let channels = header.storedChannels
        var samples = [UInt16](repeating: 0, count: header.width * header.height * channels)
        var position = 0
        for pass in header.passes {
            let (passWidth, passHeight) = header.passSize(pass)
            if passWidth == 0 || passHeight == 0 { continue }
            let stride = (passWidth * header.bitsPerPixel + 7) / 8
            var previous = [UInt8](repeating: 0, count: stride)
            var row = [UInt8](repeating: 0, count: stride)
            for y in 0..<passHeight {
                try unfilter(raw[position..<(position + 1 + stride)], into: &row, previous: previous, header: header,
                             row: y, file: file, offset: offset)
                position += 1 + stride
                // Unpack the row's samples and place them at their image positions.
                let outY = pass.1 + y * pass.3
                let values = unpack(row, count: passWidth * channels, depth: header.bitDepth)
                for x in 0..<passWidth {
                    let outBase = ((outY * header.width) + pass.0 + x * pass.2) * channels
                    for c in 0..<channels { samples[outBase + c] = values[x * channels + c] }
                }
                swap(&previous, &row)
            }
        }
        return samples
    }

    /// Reverses the filter of one row: `filtered` is its filter byte and `row.count` bytes;
    /// `previous` is the row above, unfiltered (zeros for the first row of a pass).
    ///
    /// - Throws: ``FormatError`` `.invalid` for a filter type above 4 (naming row `y`).
    @inline(__always)
    static func unfilter(
        _ filtered: ArraySlice<UInt8>, into row: inout [UInt8], previous: [UInt8], header: Header,
        row y: Int, file: String, offset: Int
    ) throws(FormatError) {
        let filter = filtered[filtered.startIndex]
        guard filter <= 4 else {
            throw FormatError(.invalid, file: file, at: .byte(offset),
                              expected: "a row filter type 0...4", found: "\(filter) (row \(y) of the image data)")
        }
        let bytesPerPixel = Swift.max(1, header.bitsPerPixel / 8)
        let start = filtered.startIndex + 1
        for i in 0..<row.count {
            let x = filtered[start + i]
            let a = i >= bytesPerPixel ? row[i - bytesPerPixel] : 0
            let b = previous[i]
            let c = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0
            let predictor: UInt8
            switch filter {
            case 0: predictor = 0
            case 1: predictor = a
            case 2: predictor = b
            case 3: predictor = UInt8((Int(a) + Int(b)) / 2)
            default: predictor = paeth(a, b, c)
            }
            row[i] = x &+ predictor
        }
    }

    /// The first `count` samples packed in an unfiltered row at `depth` bits each (big-endian
    /// 16-bit, MSB-first for 1, 2 and 4 bits).
    static func unpack(_ row: [UInt8], count: Int, depth: Int) -> [UInt16] {
        switch depth {
        case 16: return (0..<count).map { UInt16(row[2 * $0]) << 8 | UInt16(row[2 * $0 + 1]) }
        case 8: return row.prefix(count).map { UInt16($0) }
        default:
            return (0..<count).map { index in
                let bit = index * depth
                let shift = 8 - depth - bit % 8
                return UInt16(row[bit / 8] >> UInt8(shift)) & UInt16((1 << depth) - 1)
            }
        }
    }

    /// The Paeth predictor of the PNG specification.
    @inline(__always)
    static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    /// Resolves palette indices to RGB(A) and applies `tRNS` to gray and RGB images.
    static func expand(
        _ samples: inout [UInt16], header: Header, palette: [UInt8], transparency: [UInt8]?, file: String
    ) throws(FormatError) -> PNGImage {
        let pixelCount = header.width * header.height
        switch header.colorType {
        case 3:
            let entries = palette.count / 3
            let alpha = transparency ?? []
            let channels = transparency == nil ? 3 : 4
            var out = [UInt16]()
            out.reserveCapacity(pixelCount * channels)
            for index in samples {
                let entry = Int(index)
                guard entry < entries else {
                    throw FormatError(.invalid, file: file, expected: "palette indices below \(entries)", found: "index \(entry)")
                }
                out += [UInt16(palette[3 * entry]), UInt16(palette[3 * entry + 1]), UInt16(palette[3 * entry + 2])]
                if channels == 4 { out.append(entry < alpha.count ? UInt16(alpha[entry]) : 255) }
            }
            return PNGImage(width: header.width, height: header.height, channels: channels, bitDepth: 8, samples: out)
        case 0, 2:
            let channels = header.storedChannels
            guard let transparency, transparency.count == 2 * channels else {
                return PNGImage(width: header.width, height: header.height, channels: channels, bitDepth: header.bitDepth, samples: samples)
            }
            // tRNS names one colour (16-bit values) that is fully transparent.
            let key = (0..<channels).map { UInt16(transparency[2 * $0]) << 8 | UInt16(transparency[2 * $0 + 1]) }
            let opaque = UInt16((1 << header.bitDepth) - 1)
            var out = [UInt16]()
            out.reserveCapacity(pixelCount * (channels + 1))
            for pixel in 0..<pixelCount {
                let color = samples[(pixel * channels)..<((pixel + 1) * channels)]
                out += color
                out.append(color.elementsEqual(key) ? 0 : opaque)
            }
            return PNGImage(width: header.width, height: header.height, channels: channels + 1, bitDepth: header.bitDepth, samples: out)
        default:
            return PNGImage(width: header.width, height: header.height, channels: header.storedChannels,
                            bitDepth: header.bitDepth, samples: samples)
        }
    }
}
