/// The built-in font as strokes, so that text can be drawn at any size with anti-aliased lines.
///
/// Every glyph of ``BitmapFont`` is traced as line segments between the centres of neighbouring
/// ink pixels: two ink pixels are joined when they touch horizontally or vertically; diagonal
/// neighbours are joined only when neither of the two pixels they both touch is ink (so a step
/// becomes a slanted stroke and a square corner is not cut). An ink pixel with no ink neighbour
/// is a dot (a segment of length zero). Drawn with round caps about 0.8 font pixels wide, the
/// strokes cover the bitmap glyph's shape with smooth diagonals, like a plotter font.
extension BitmapFont {
    /// One stroke of a glyph, in font pixels: x from the cell's left edge, y downward from the
    /// cap line (the centre of row r is at r + 0.5; the baseline is at y = ``ascent``).
    public struct Stroke: Equatable, Sendable {
        /// One end.
        public var from: PlotPoint
        /// The other end (equal to `from` for a dot).
        public var to: PlotPoint
    }

    /// Stroke width in font pixels; at scale s the strokes are `strokeWidth × s` wide.
    public static let strokeWidth = 0.8

    /// The strokes of `scalar`'s glyph (those of the hollow box for characters outside 32...126).
    public static func strokes(for scalar: Unicode.Scalar) -> [Stroke] {
        let v = Int(scalar.value)
        return v >= 32 && v <= 126 ? strokeTable[v - 32] : missingStrokes
    }

    static let strokeTable: [[Stroke]] = glyphs.map(trace)
    static let missingStrokes: [Stroke] = trace(missingGlyph)

    /// The strokes of a glyph given as row masks (see ``glyph(for:)``).
    static func trace(_ rows: [UInt8]) -> [Stroke] {
        func ink(_ column: Int, _ row: Int) -> Bool {
            column >= 0 && column < glyphWidth && row >= 0 && row < rows.count && rows[row] & (1 << (glyphWidth - 1 - column)) != 0
        }
        func centre(_ column: Int, _ row: Int) -> PlotPoint { PlotPoint(x: Double(column) + 0.5, y: Double(row) + 0.5) }
        var strokes: [Stroke] = []
        for row in rows.indices {
            for column in 0..<glyphWidth where ink(column, row) {
                var joined = false
                // Right and down; diagonals down-right and down-left unless an orthogonal pair joins them.
                for (dc, dr) in [(1, 0), (0, 1), (1, 1), (-1, 1)] where ink(column + dc, row + dr) {
                    if dc != 0 && dr != 0 && (ink(column + dc, row) || ink(column, row + dr)) { continue }
                    strokes.append(Stroke(from: centre(column, row), to: centre(column + dc, row + dr)))
                    joined = true
                }
                let touched = [(-1, 0), (0, -1), (-1, -1), (1, -1)].contains { ink(column + $0.0, row + $0.1) }
                if !joined && !touched { strokes.append(Stroke(from: centre(column, row), to: centre(column, row))) }
            }
        }
        return strokes
    }
}
