/// A raster image: `height` rows of `width` pixels of `channels` samples, interleaved row,
/// column, channel, top row first (as NumPy's `np.array(PIL.Image)` of shape
/// (height, width, channels), e.g. one course image `train_x_orig[i]` of shape (64, 64, 3)).
///
/// The one image type of Backprop: the PNG and JPEG decoders produce it, the plots' canvas
/// renders into it and the PNG writer encodes it.
///
/// Channels are 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA, straight alpha). Samples are
/// 8-bit (`Pixels/uint8`) or, for 16-bit PNGs and resized float images, floats in [0, 1]
/// (`Pixels/float`).
///
/// For the course's "test with your own image":
///
///     let image = try ImageFile.read(path: "my_cat.jpg")
///         .converted(toChannels: 3)
///         .resized(width: 64, height: 64, method: .area)
///     let x: Matrix<Double> = image.column()   // (64·64·3, 1), values in [0, 1]
///
/// (`ImageFile.read(path:fitting:)` gives the same image without decoding it at full size.)
public struct Image: Hashable, Sendable {
    /// The samples of an image.
    public enum Pixels: Hashable, Sendable {
        /// 8-bit samples, 0...255.
        case uint8([UInt8])
        /// Samples in [0, 1] (from 16-bit files, or after resizing float images).
        case float([Float])
    }

    /// The number of columns of pixels.
    public let width: Int
    /// The number of rows of pixels.
    public let height: Int
    /// Samples per pixel: 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA.
    public let channels: Int
    /// The samples, `height * width * channels` of them, row by row, pixel by pixel.
    public let pixels: Pixels

    /// An image from interleaved samples.
    ///
    /// - Precondition: `channels` is 1...4 and the sample count is `height * width * channels`.
    public init(width: Int, height: Int, channels: Int, pixels: Pixels) {
        precondition((1...4).contains(channels), "Image: \(channels) channels, expected 1...4")
        let count: Int
        switch pixels {
        case .uint8(let samples): count = samples.count
        case .float(let samples): count = samples.count
        }
        precondition(width >= 0 && height >= 0 && count == width * height * channels,
                     "Image: \(count) samples for \(width)×\(height)×\(channels)")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// An 8-bit image from interleaved samples; see ``init(width:height:channels:pixels:)``.
    public init(width: Int, height: Int, channels: Int, samples: [UInt8]) {
        self.init(width: width, height: height, channels: channels, pixels: .uint8(samples))
    }

    /// The samples scaled to [0, 1] (8-bit samples divided by 255).
    public var floatSamples: [Float] {
        switch pixels {
        case .uint8(let samples): samples.map { Float($0) / 255 }
        case .float(let samples): samples
        }
    }

    /// The samples as 8-bit values (float samples rounded from `value * 255`, clamped).
    public var uint8Samples: [UInt8] {
        switch pixels {
        case .uint8(let samples): samples
        case .float(let samples): samples.map(Self.uint8)
        }
    }

    /// The sample at `index` of ``pixels`` as an 8-bit value (see ``uint8Samples``).
    public func uint8Sample(at index: Int) -> UInt8 {
        switch pixels {
        case .uint8(let samples): samples[index]
        case .float(let samples): Self.uint8(samples[index])
        }
    }

    /// `value * 255`, rounded and clamped to 0...255.
    static func uint8(_ value: Float) -> UInt8 {
        UInt8(Swift.min(Swift.max((value * 255).rounded(), 0), 255))
    }

    /// The image with `count` channels: gray ↔ RGB (gray is `0.299 R + 0.587 G + 0.114 B`,
    /// ITU-R 601, as Pillow's `convert("L")`), alpha added (opaque) or dropped (ignored, not
    /// composited). The sample type is kept.
    ///
    /// - Precondition: `count` is 1...4.
    public func converted(toChannels count: Int) -> Image {
        precondition((1...4).contains(count), "Image.converted: \(count) channels, expected 1...4")
        if count == channels { return self }
        let out = Self.convertedSamples(floatSamples, channels: channels, toChannels: count)
        return Self.withSampleType(of: self, width: width, height: height, channels: count, samples: out)
    }

    /// The per-pixel conversion of ``converted(toChannels:)`` on interleaved samples in [0, 1]
    /// (any number of whole pixels, e.g. one row), before rounding to the sample type.
    package static func convertedSamples(_ source: [Float], channels: Int, toChannels count: Int) -> [Float] {
        let pixels = source.count / channels
        let hasAlpha = channels == 2 || channels == 4
        var out = [Float](repeating: 0, count: pixels * count)
        for pixel in 0..<pixels {
            let base = pixel * channels, outBase = pixel * count
            let alpha: Float = hasAlpha ? source[base + channels - 1] : 1
            let isColor = channels >= 3
            switch count {
            case 1, 2:
                out[outBase] = isColor ? 0.299 * source[base] + 0.587 * source[base + 1] + 0.114 * source[base + 2] : source[base]
            default:
                for c in 0..<3 { out[outBase + c] = source[base + (isColor ? c : 0)] }
            }
            if count == 2 || count == 4 { out[outBase + count - 1] = alpha }
        }
        return out
    }

    /// Samples in [0, 1] as an 8-bit image stores and reads them back: `uint8(value) / 255`.
    package static func roundedTo8Bit(_ samples: [Float]) -> [Float] {
        samples.map { Float(uint8($0)) / 255 }
    }

    /// An image of `image`'s sample type from samples in [0, 1]: 8-bit images get them rounded
    /// (see ``uint8Samples``), float images keep them.
    package static func withSampleType(of image: Image, width: Int, height: Int, channels: Int, samples: [Float]) -> Image {
        switch image.pixels {
        case .uint8: Image(width: width, height: height, channels: channels, pixels: .uint8(samples.map(uint8)))
        case .float: Image(width: width, height: height, channels: channels, pixels: .float(samples))
        }
    }
}
