import BackpropIO

extension Image {
    /// The pixel at column `x`, row `y` as a colour: gray expands to r = g = b; alpha is 255
    /// unless the image has an alpha channel (2 or 4 channels); float samples are rounded to 8 bits.
    ///
    /// - Precondition: `0 <= x < width` and `0 <= y < height`.
    public func color(x: Int, y: Int) -> PlotColor {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "Image: pixel (\(x), \(y)) outside \(width)x\(height)")
        let i = (y * width + x) * channels
        let first = uint8Sample(at: i)
        switch channels {
        case 1: return PlotColor(red: first, green: first, blue: first)
        case 2: return PlotColor(red: first, green: first, blue: first, alpha: uint8Sample(at: i + 1))
        case 3: return PlotColor(red: first, green: uint8Sample(at: i + 1), blue: uint8Sample(at: i + 2))
        default:
            return PlotColor(red: first, green: uint8Sample(at: i + 1), blue: uint8Sample(at: i + 2), alpha: uint8Sample(at: i + 3))
        }
    }

    /// The PNG encoding of this image (see ``PNGWriter/encode(_:level:)``).
    public func pngData(level: Int = 6) -> [UInt8] {
        PNGWriter.encode(self, level: level)
    }
}
