import BackpropIO

/// A small RGBA raster to draw on: filled rectangles, anti-aliased lines, polylines and circles,
/// bitmap-font text and scaled images, all clipped to ``clipRect``.
///
/// Coordinates are in pixels with the origin at the top-left corner of the top-left pixel, so the
/// centre of pixel (i, j) is (i + 0.5, j + 0.5); a 1-pixel line is crisp when it runs through pixel
/// centres. Colours are composited "source over" with straight alpha; shapes are anti-aliased by
/// their exact (rectangles) or distance-based (lines, circles) pixel coverage.
///
///     var canvas = Canvas(width: 100, height: 50)
///     canvas.fill(PlotRect(x: 10, y: 10, width: 20, height: 10), color: .black)
///     canvas.drawText("cost", at: PlotPoint(x: 50, y: 40), scale: 2, color: .black, anchor: .middle)
///     let png = canvas.image().pngData()
public struct Canvas: Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `height * width * 4` bytes, RGBA, row-major, top row first.
    public private(set) var pixels: [UInt8]
    /// Drawing outside this rectangle has no effect (a pixel is inside when its centre is).
    /// Defaults to the whole canvas; ``withClip(_:_:)`` narrows it temporarily.
    public var clipRect: PlotRect

    /// Creates a canvas filled with `background` (opaque white by default).
    ///
    /// - Precondition: `width > 0`, `height > 0`.
    public init(width: Int, height: Int, background: PlotColor = .white) {
        precondition(width > 0 && height > 0, "Canvas: size must be positive, got \(width)x\(height)")
        self.width = width
        self.height = height
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        for i in stride(from: 0, to: pixels.count, by: 4) {
            pixels[i] = background.red
            pixels[i + 1] = background.green
            pixels[i + 2] = background.blue
            pixels[i + 3] = background.alpha
        }
        self.pixels = pixels
        self.clipRect = PlotRect(x: 0, y: 0, width: Double(width), height: Double(height))
    }

    /// The colour of pixel (x, y). - Precondition: the pixel is on the canvas.
    public subscript(x: Int, y: Int) -> PlotColor {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "Canvas: pixel (\(x), \(y)) outside \(width)x\(height)")
        let i = (y * width + x) * 4
        return PlotColor(red: pixels[i], green: pixels[i + 1], blue: pixels[i + 2], alpha: pixels[i + 3])
    }

    /// Runs `body` with ``clipRect`` narrowed to its intersection with `rect`, then restores it.
    public mutating func withClip(_ rect: PlotRect, _ body: (inout Canvas) -> Void) {
        let saved = clipRect
        clipRect = clipRect.intersection(rect)
        body(&self)
        clipRect = saved
    }

    /// The pixel range (half-open) whose centres lie inside ``clipRect`` and on the canvas.
    var clipBounds: (x0: Int, y0: Int, x1: Int, y1: Int) {
        let x0 = max(0, Int((clipRect.x - 0.5).rounded(.up)))
        let y0 = max(0, Int((clipRect.y - 0.5).rounded(.up)))
        let x1 = min(width, Int((clipRect.maxX - 0.5).rounded(.down)) + 1)
        let y1 = min(height, Int((clipRect.maxY - 0.5).rounded(.down)) + 1)
        return (x0, y0, max(x0, x1), max(y0, y1))
    }

    /// Composites `color` over pixel (x, y) with its alpha scaled by `coverage` (0...1).
    /// The caller keeps (x, y) inside ``clipBounds``.
    @inline(__always)
    mutating func blend(x: Int, y: Int, color: PlotColor, coverage: Double) {
        let a = Double(color.alpha) / 255 * min(max(coverage, 0), 1)
        if a <= 0 { return }
        let i = (y * width + x) * 4
        if a >= 1 {
            pixels[i] = color.red
            pixels[i + 1] = color.green
            pixels[i + 2] = color.blue
            pixels[i + 3] = 255
            return
        }
        let dstA = Double(pixels[i + 3]) / 255
        let outA = a + dstA * (1 - a)
        func channel(_ s: UInt8, _ d: UInt8) -> UInt8 {
            UInt8(min(255, max(0, ((Double(s) * a + Double(d) * dstA * (1 - a)) / outA).rounded())))
        }
        pixels[i] = channel(color.red, pixels[i])
        pixels[i + 1] = channel(color.green, pixels[i + 1])
        pixels[i + 2] = channel(color.blue, pixels[i + 2])
        pixels[i + 3] = UInt8((outA * 255).rounded())
    }

    /// The columns and rows of the pixels that `rect` touches, inside the clip; nil when there
    /// are none (an empty rectangle, or one outside the clip).
    func pixelRanges(covering rect: PlotRect) -> (x: Range<Int>, y: Range<Int>)? {
        guard rect.width > 0, rect.height > 0 else { return nil }
        let b = clipBounds
        let x0 = max(b.x0, Int(rect.x.rounded(.down))), x1 = min(b.x1, Int(rect.maxX.rounded(.up)))
        let y0 = max(b.y0, Int(rect.y.rounded(.down))), y1 = min(b.y1, Int(rect.maxY.rounded(.up)))
        guard x0 < x1, y0 < y1 else { return nil }
        return (x0..<x1, y0..<y1)
    }

    /// Fills `rect` with `color`; pixels partly covered by the rectangle get a proportional share.
    public mutating func fill(_ rect: PlotRect, color: PlotColor) {
        guard let (xs, ys) = pixelRanges(covering: rect) else { return }
        for py in ys {
            let cy = min(Double(py + 1), rect.maxY) - max(Double(py), rect.y)
            for px in xs {
                let cx = min(Double(px + 1), rect.maxX) - max(Double(px), rect.x)
                blend(x: px, y: py, color: color, coverage: cx * cy)
            }
        }
    }

    /// Draws the outline of `rect` as four `lineWidth`-wide bands centred on its edges.
    public mutating func stroke(_ rect: PlotRect, color: PlotColor, lineWidth: Double = 1) {
        let h = lineWidth / 2
        fill(PlotRect(x: rect.x - h, y: rect.y - h, width: rect.width + lineWidth, height: lineWidth), color: color)
        fill(PlotRect(x: rect.x - h, y: rect.maxY - h, width: rect.width + lineWidth, height: lineWidth), color: color)
        fill(PlotRect(x: rect.x - h, y: rect.y + h, width: lineWidth, height: max(0, rect.height - lineWidth)), color: color)
        fill(PlotRect(x: rect.maxX - h, y: rect.y + h, width: lineWidth, height: max(0, rect.height - lineWidth)), color: color)
    }

    /// The canvas as an image: RGB when every pixel is opaque, RGBA otherwise.
    public func image() -> Image {
        var opaque = true
        for i in stride(from: 3, to: pixels.count, by: 4) where pixels[i] != 255 {
            opaque = false
            break
        }
        guard opaque else { return Image(width: width, height: height, channels: 4, samples: pixels) }
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        var j = 0
        for i in stride(from: 0, to: pixels.count, by: 4) {
            rgb[j] = pixels[i]
            rgb[j + 1] = pixels[i + 1]
            rgb[j + 2] = pixels[i + 2]
            j += 3
        }
        return Image(width: width, height: height, channels: 3, samples: rgb)
    }
}
