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

/// Text in the built-in font and scaled images on a ``Canvas``.
extension Canvas {
    /// Draws one line of `text` in the built-in font: its glyphs' strokes
    /// (``BitmapFont/strokes(for:)``), ``BitmapFont/strokeWidth`` × `scale` wide, anti-aliased.
    ///
    /// - Parameters:
    ///   - text: the line to draw.
    ///   - origin: a point on the baseline; `anchor` says which part of the text it is.
    ///   - scale: canvas pixels per font pixel (any positive size; the cap height is 7 × `scale`).
    ///   - rotated: when true the text runs upward (rotated 90° counter-clockwise about `origin`),
    ///     as a y-axis label does.
    ///   - color: the colour of the strokes.
    ///   - anchor: which part of the text sits at `origin`.
    public mutating func drawText(_ text: String, at origin: PlotPoint, scale: Double = 1, color: PlotColor,
                                  anchor: TextAnchor = .start, rotated: Bool = false) {
        guard origin.x.isFinite, origin.y.isFinite, scale.isFinite, scale > 0 else { return }
        let textWidth = BitmapFont.width(of: text, scale: scale)
        let shift: Double
        switch anchor {
        case .start: shift = 0
        case .middle: shift = textWidth / 2
        case .end: shift = textWidth
        }
        // (u, v): position along the text and below the baseline, in canvas pixels.
        func point(_ u: Double, _ v: Double) -> PlotPoint {
            rotated ? PlotPoint(x: origin.x + v, y: origin.y - u) : PlotPoint(x: origin.x + u, y: origin.y + v)
        }
        var segments: [(PlotPoint, PlotPoint)] = []
        var penU = -shift
        for scalar in text.unicodeScalars {
            for stroke in BitmapFont.strokes(for: scalar) {
                let v0 = (stroke.from.y - Double(BitmapFont.ascent)) * scale, v1 = (stroke.to.y - Double(BitmapFont.ascent)) * scale
                segments.append((point(penU + stroke.from.x * scale, v0), point(penU + stroke.to.x * scale, v1)))
            }
            penU += Double(BitmapFont.advance) * scale
        }
        strokeSegments(segments, color: color, lineWidth: BitmapFont.strokeWidth * scale)
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
