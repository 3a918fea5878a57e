import BackpropIO

/// The size an image is decoded to: `width` × `height` pixels of `channels` samples, as
/// ``ImageFile/read(path:fitting:method:)`` returns it (a model's input of shape
/// (height, width, channels), e.g. (64, 64, 3)).
public struct ImageShape: Hashable, Sendable, CustomStringConvertible {
    /// Columns of pixels, > 0.
    public var width: Int
    /// Rows of pixels, > 0.
    public var height: Int
    /// Samples per pixel, 1...4 (see `Image/channels`).
    public var channels: Int

    /// A shape; see the properties.
    public init(width: Int, height: Int, channels: Int) {
        self.width = width
        self.height = height
        self.channels = channels
    }

    /// `64×64×3`.
    public var description: String { "\(width)×\(height)×\(channels)" }
}

/// ``Image/resized(width:height:method:)`` fed one source row at a time: each row is resampled
/// along x at once and added into the output rows it covers, so a decoder can shrink a
/// 16384×16384 image to 64×64 holding one row and the 64×64 sums, never the whole image.
///
/// The arithmetic is that of `resized` (same weights, same order of additions), so the
/// result equals `image.resized(...)` bit for bit; `resized` stays the reference it is tested
/// against (ImageBudgetTests).
///
/// Memory: `width · height · channels` floats of sums plus one resampled row.
struct ImageResampler {
    let sourceWidth: Int, sourceHeight: Int, channels: Int
    let width: Int, height: Int
    /// Per output column, the source columns and weights (``Image/weights(from:to:method:)``).
    let xWeights: [[(Int, Float)]]
    /// Per output row, the source rows and weights.
    let yWeights: [[(Int, Float)]]
    /// The output rows still receiving source rows start here.
    var firstOpenRow = 0
    /// The next source row expected.
    private(set) var nextRow = 0
    /// Sums of (height, width, channels).
    var sums: [Float]
    var horizontal: [Float]

    /// A resampler from `sourceWidth` × `sourceHeight` to `width` × `height`, `channels` per pixel.
    ///
    /// - Precondition: every size is positive.
    init(sourceWidth: Int, sourceHeight: Int, channels: Int, width: Int, height: Int, method: ResizeMethod) {
        precondition(sourceWidth > 0 && sourceHeight > 0 && width > 0 && height > 0,
                     "ImageResampler: \(sourceWidth)×\(sourceHeight) → \(width)×\(height) must be positive")
        self.sourceWidth = sourceWidth
        self.sourceHeight = sourceHeight
        self.channels = channels
        self.width = width
        self.height = height
        xWeights = Image.weights(from: sourceWidth, to: width, method: method)
        yWeights = Image.weights(from: sourceHeight, to: height, method: method)
        sums = [Float](repeating: 0, count: width * height * channels)
        horizontal = [Float](repeating: 0, count: width * channels)
    }

    /// Adds the next source row: `sourceWidth · channels` samples in [0, 1].
    ///
    /// - Precondition: fewer than `sourceHeight` rows were added and the row has the right size.
    mutating func add(row: [Float]) {
        precondition(nextRow < sourceHeight && row.count == sourceWidth * channels,
                     "ImageResampler.add: row \(nextRow) of \(row.count) samples, expected \(sourceWidth * channels)")
        let y = nextRow
        nextRow += 1
        for (x, taps) in xWeights.enumerated() {
            for c in 0..<channels {
                var sum: Float = 0
                for (index, weight) in taps { sum += weight * row[index * channels + c] }
                horizontal[x * channels + c] = sum
            }
        }
        // Output rows whose last source row is above y are complete.
        while firstOpenRow < height, let last = yWeights[firstOpenRow].last, last.0 < y { firstOpenRow += 1 }
        var outputRow = firstOpenRow
        while outputRow < height, let first = yWeights[outputRow].first, first.0 <= y {
            if let tap = yWeights[outputRow].first(where: { $0.0 == y }) {
                let base = outputRow * width * channels
                for i in 0..<(width * channels) { sums[base + i] += tap.1 * horizontal[i] }
            }
            outputRow += 1
        }
    }

    /// Adds the next source row as a decoder produces it: `channels` samples per pixel in
    /// [0, 1], converted to this resampler's channels as ``Image/converted(toChannels:)`` does
    /// (8-bit images rounded back to 8 bits after converting, as that method stores them).
    mutating func add(row: [Float], channels sourceChannels: Int, eightBit: Bool) {
        if sourceChannels == channels { return add(row: row) }
        let converted = Image.convertedSamples(row, channels: sourceChannels, toChannels: channels)
        add(row: eightBit ? Image.roundedTo8Bit(converted) : converted)
    }

    /// The resampled image once every source row was added: float samples, or 8-bit ones
    /// (rounded as ``Image/uint8Samples``) when `eightBit`.
    ///
    /// - Precondition: all `sourceHeight` rows were added.
    func image(eightBit: Bool) -> Image {
        precondition(nextRow == sourceHeight, "ImageResampler.image: \(nextRow) of \(sourceHeight) rows added")
        let floats = Image(width: width, height: height, channels: channels, pixels: .float(sums))
        return eightBit ? Image(width: width, height: height, channels: channels, samples: floats.uint8Samples) : floats
    }
}
