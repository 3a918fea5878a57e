import BackpropIO

/// How `Image/resized(width:height:method:)` computes each output pixel.
public enum ResizeMethod: String, Sendable, CaseIterable {
    /// Bilinear interpolation of the four nearest source pixels, pixel centres aligned
    /// (source x = (x + 0.5) · width_in / width_out − 0.5, clamped at the borders), as OpenCV's
    /// `INTER_LINEAR`. Good for enlarging; when shrinking by more than 2 it skips pixels.
    case bilinear
    /// Area averaging: each output pixel is the mean of the source area it covers, partial
    /// pixels weighted by the covered fraction (Pillow's `BOX`, OpenCV's `INTER_AREA`). The
    /// right choice for shrinking a photo to 64×64.
    case area
}

extension Image {
    /// The image resampled to `width` × `height` pixels, each channel separately; 8-bit
    /// images stay 8-bit (rounded to nearest).
    ///
    /// - Precondition: `width > 0` and `height > 0`, and the image is not empty.
    public func resized(width newWidth: Int, height newHeight: Int, method: ResizeMethod = .area) -> Image {
        precondition(newWidth > 0 && newHeight > 0, "Image.resized: target \(newWidth)×\(newHeight) must be positive")
        precondition(width > 0 && height > 0, "Image.resized: cannot resize an empty \(width)×\(height) image")
        if newWidth == width && newHeight == height { return self }
        let source = floatSamples
        // Separable: resample rows (x), then columns (y), with per-axis weight tables.
        let xWeights = Image.weights(from: width, to: newWidth, method: method)
        let yWeights = Image.weights(from: height, to: newHeight, method: method)
        var horizontal = [Float](repeating: 0, count: height * newWidth * channels)
        for y in 0..<height {
            for (x, taps) in xWeights.enumerated() {
                for c in 0..<channels {
                    var sum: Float = 0
                    for (index, weight) in taps { sum += weight * source[(y * width + index) * channels + c] }
                    horizontal[(y * newWidth + x) * channels + c] = sum
                }
            }
        }
        var out = [Float](repeating: 0, count: newHeight * newWidth * channels)
        for (y, taps) in yWeights.enumerated() {
            for x in 0..<newWidth {
                for c in 0..<channels {
                    var sum: Float = 0
                    for (index, weight) in taps { sum += weight * horizontal[(index * newWidth + x) * channels + c] }
                    out[(y * newWidth + x) * channels + c] = sum
                }
            }
        }
        return Image.withSampleType(of: self, width: newWidth, height: newHeight, channels: channels, samples: out)
    }

    /// For each output index along one axis, the source indices and weights (summing to 1).
    static func weights(from source: Int, to target: Int, method: ResizeMethod) -> [[(Int, Float)]] {
        let scale = Double(source) / Double(target)
        return (0..<target).map { output in
            switch method {
            case .bilinear:
                let position = Swift.min(Swift.max((Double(output) + 0.5) * scale - 0.5, 0), Double(source - 1))
                let left = Int(position.rounded(.down))
                let fraction = Float(position - Double(left))
                if left + 1 < source && fraction > 0 { return [(left, 1 - fraction), (left + 1, fraction)] }
                return [(left, Float(1))]
            case .area:
                let start = Double(output) * scale
                let end = Double(output + 1) * scale
                var taps: [(Int, Float)] = []
                var index = Int(start.rounded(.down))
                while Double(index) < end && index < source {
                    let covered = Swift.min(end, Double(index + 1)) - Swift.max(start, Double(index))
                    if covered > 1e-12 { taps.append((index, Float(covered / scale))) }
                    index += 1
                }
                return taps
            }
        }
    }
}
