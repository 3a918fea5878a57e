import BackpropIO

/// Where a text's anchor point sits along the text: at its start, middle or end.
public enum TextAnchor: String, Sendable {
    /// The anchor is the left end of the text (`text-anchor="start"` in SVG).
    case start
    /// The anchor is the horizontal centre (`text-anchor="middle"`).
    case middle
    /// The anchor is the right end (`text-anchor="end"`).
    case end
}

/// Bitmap-font text and scaled images on a ``Canvas``.
extension Canvas {
    /// Draws one line of `text` in the built-in ``BitmapFont``.
    ///
    /// - Parameters:
    ///   - origin: a point on the baseline; `anchor` says which part of the text it is.
    ///   - scale: integer magnification (each font pixel becomes `scale × scale` pixels), at least 1.
    ///   - rotated: when true the text runs upward (rotated 90° counter-clockwise about `origin`),
    ///     as a y-axis label does.
    public mutating func drawText(_ text: String, at origin: PlotPoint, scale: Int = 1, color: PlotColor,
                                  anchor: TextAnchor = .start, rotated: Bool = false) {
        let scale = max(1, scale)
        let textWidth = BitmapFont.width(of: text, scale: scale)
        let shift: Int
        switch anchor {
        case .start: shift = 0
        case .middle: shift = textWidth / 2
        case .end: shift = textWidth
        }
        guard origin.x.isFinite, origin.y.isFinite else { return }
        let ox = Int(origin.x.rounded()), oy = Int(origin.y.rounded())
        let b = clipBounds
        // (u, v): position along the text and below the baseline, in canvas pixels.
        func plot(_ u: Int, _ v: Int) {
            let x = rotated ? ox + v : ox + u
            let y = rotated ? oy - u : oy + v
            if x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1 { blend(x: x, y: y, color: color, coverage: 1) }
        }
        var penU = -shift
        for scalar in text.unicodeScalars {
            let glyph = BitmapFont.glyph(for: scalar)
            for (row, bits) in glyph.enumerated() where bits != 0 {
                for column in 0..<BitmapFont.glyphWidth where bits & (1 << (BitmapFont.glyphWidth - 1 - column)) != 0 {
                    let u0 = penU + column * scale
                    let v0 = (row - BitmapFont.ascent) * scale
                    for dv in 0..<scale {
                        for du in 0..<scale { plot(u0 + du, v0 + dv) }
                    }
                }
            }
            penU += BitmapFont.advance * scale
        }
    }

    /// Draws `image` scaled into `rect` by nearest-neighbour sampling (each destination pixel
    /// takes the source pixel under its centre), blending by the image's alpha.
    public mutating func draw(_ image: Image, in rect: PlotRect) {
        guard let (xs, ys) = pixelRanges(covering: rect) else { return }
        for py in ys {
            let v = (Double(py) + 0.5 - rect.y) / rect.height
            guard v >= 0 && v < 1 else { continue }
            let sy = min(image.height - 1, Int(v * Double(image.height)))
            for px in xs {
                let u = (Double(px) + 0.5 - rect.x) / rect.width
                guard u >= 0 && u < 1 else { continue }
                let sx = min(image.width - 1, Int(u * Double(image.width)))
                blend(x: px, y: py, color: image.color(x: sx, y: sy), coverage: 1)
            }
        }
    }
}
