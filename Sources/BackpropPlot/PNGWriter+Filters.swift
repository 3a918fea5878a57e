import BackpropIO

/// The five PNG scanline filters and the per-row choice between them.
extension PNGWriter {
    /// A PNG filter type (the byte that starts every filtered scanline).
    public enum Filter: UInt8, CaseIterable, Sendable {
        /// `Filt(x) = Orig(x)`.
        case none = 0
        /// `Filt(x) = Orig(x) - Orig(a)`, a = the byte one pixel to the left.
        case sub = 1
        /// `Filt(x) = Orig(x) - Orig(b)`, b = the byte one row up.
        case up = 2
        /// `Filt(x) = Orig(x) - floor((Orig(a) + Orig(b)) / 2)`.
        case average = 3
        /// `Filt(x) = Orig(x) - PaethPredictor(a, b, c)`, c = the byte up and to the left.
        case paeth = 4
    }

    /// The Paeth predictor: of a (left), b (up), c (up-left), the one closest to `a + b - c`,
    /// ties broken in the order a, b, c.
    @inlinable
    public static func paethPredictor(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        if pb <= pc { return b }
        return c
    }

    /// Filters one scanline with `filter`.
    ///
    /// - Parameters:
    ///   - filter: the PNG filter type to apply.
    ///   - row: the scanline's bytes (width × bytes per pixel).
    ///   - previous: the previous scanline's unfiltered bytes, or all zeros for the first row.
    ///   - bytesPerPixel: the distance to the byte "a" of the same channel one pixel left.
    /// - Returns: the filtered bytes (without the filter-type byte), same count as `row`.
    public static func apply(_ filter: Filter, row: ArraySlice<UInt8>, previous: ArraySlice<UInt8>, bytesPerPixel: Int) -> [UInt8] {
        precondition(row.count == previous.count, "PNG filter: row has \(row.count) bytes, previous row \(previous.count)")
        var out = [UInt8](repeating: 0, count: row.count)
        let r = row.startIndex, p = previous.startIndex
        for i in 0..<row.count {
            let x = row[r + i]
            let a: UInt8 = i >= bytesPerPixel ? row[r + i - bytesPerPixel] : 0
            let b = previous[p + i]
            let c: UInt8 = i >= bytesPerPixel ? previous[p + i - bytesPerPixel] : 0
            switch filter {
            case .none: out[i] = x
            case .sub: out[i] = x &- a
            case .up: out[i] = x &- b
            case .average: out[i] = x &- UInt8((Int(a) + Int(b)) / 2)
            case .paeth: out[i] = x &- paethPredictor(a, b, c)
            }
        }
        return out
    }

    /// All scanlines of `image`, each prefixed by the filter byte chosen for it: the filter whose
    /// output minimises `sum |Int8(byte)|` (libpng's heuristic; it favours small residuals, which
    /// deflate compresses well).
    ///
    /// - Returns: `height * (1 + width * channels)` bytes, the zlib input of the IDAT stream.
    public static func filterScanlines(_ image: Image) -> [UInt8] {
        let bpp = image.channels
        let pixels = image.uint8Samples
        let stride = image.width * bpp
        let zeros = [UInt8](repeating: 0, count: stride)
        var out: [UInt8] = []
        out.reserveCapacity(image.height * (stride + 1))
        for y in 0..<image.height {
            let row = pixels[(y * stride)..<((y + 1) * stride)]
            let previous = y == 0 ? zeros[...] : pixels[((y - 1) * stride)..<(y * stride)]
            var best: [UInt8] = []
            var bestFilter = Filter.none
            var bestScore = Int.max
            for filter in Filter.allCases {
                let candidate = apply(filter, row: row, previous: previous, bytesPerPixel: bpp)
                var score = 0
                for byte in candidate { score += abs(Int(Int8(bitPattern: byte))) }
                if score < bestScore {
                    bestScore = score
                    best = candidate
                    bestFilter = filter
                }
            }
            out.append(bestFilter.rawValue)
            out += best
        }
        return out
    }
}
