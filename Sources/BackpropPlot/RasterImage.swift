/// How the bytes of one pixel of a ``RasterImage`` are laid out (8 bits per channel).
public enum PixelFormat: Int, Sendable, CaseIterable {
    /// One channel: luminance.
    case gray = 1
    /// Three channels: red, green, blue.
    case rgb = 3
    /// Four channels: red, green, blue, straight alpha.
    case rgba = 4

    /// Bytes per pixel (1, 3 or 4).
    public var channelCount: Int { rawValue }

    /// The PNG colour type stored in IHDR: 0 (grey), 2 (truecolour) or 6 (truecolour with alpha).
    public var pngColorType: UInt8 {
        switch self {
        case .gray: 0
        case .rgb: 2
        case .rgba: 6
        }
    }
}

/// An 8-bit raster image: `height` rows of `width` pixels, row-major, top row first,
/// channels interleaved (the layout of a NumPy `uint8` array of shape (height, width, channels),
/// e.g. one course image `train_x_orig[i]` of shape (64, 64, 3)).
public struct RasterImage: Hashable, Sendable {
    /// Pixels per row.
    public let width: Int
    /// Number of rows.
    public let height: Int
    /// Channel layout.
    public let format: PixelFormat
    /// `height * width * format.channelCount` bytes.
    public var pixels: [UInt8]

    /// Wraps a pixel buffer.
    ///
    /// - Precondition: `width, height > 0` and `pixels.count == width * height * format.channelCount`.
    public init(width: Int, height: Int, format: PixelFormat, pixels: [UInt8]) {
        precondition(width > 0 && height > 0, "RasterImage: size must be positive, got \(width)x\(height)")
        precondition(pixels.count == width * height * format.channelCount,
                     "RasterImage: \(width)x\(height) \(format) needs \(width * height * format.channelCount) bytes, got \(pixels.count)")
        self.width = width
        self.height = height
        self.format = format
        self.pixels = pixels
    }

    /// The pixel at column `x`, row `y` as a colour (grey expands to r = g = b; alpha 255 unless RGBA).
    public func color(x: Int, y: Int) -> PlotColor {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "RasterImage: pixel (\(x), \(y)) outside \(width)x\(height)")
        let i = (y * width + x) * format.channelCount
        switch format {
        case .gray: return PlotColor(red: pixels[i], green: pixels[i], blue: pixels[i])
        case .rgb: return PlotColor(red: pixels[i], green: pixels[i + 1], blue: pixels[i + 2])
        case .rgba: return PlotColor(red: pixels[i], green: pixels[i + 1], blue: pixels[i + 2], alpha: pixels[i + 3])
        }
    }

    /// The PNG encoding of this image (see ``PNGWriter/encode(_:level:)``).
    public func pngData(level: Int = 6) -> [UInt8] {
        PNGWriter.encode(self, level: level)
    }
}
