/// Anti-aliased lines, polylines and circles on a ``Canvas``.
///
/// Coverage of a pixel by a stroke of width w is `clamp(w/2 + 1/2 − d, 0, 1)`, where d is the
/// distance from the pixel centre to the stroke's centre line (a segment with round caps, or a
/// circle). A polyline is rasterised as one shape (the maximum coverage over its segments), so its
/// joints are not darkened by overlapping segments.
extension Canvas {
    /// Draws a straight line of `lineWidth` pixels from `start` to `end` (round caps).
    public mutating func strokeLine(from start: PlotPoint, to end: PlotPoint, color: PlotColor, lineWidth: Double = 1) {
        strokePolyline([start, end], color: color, lineWidth: lineWidth)
    }

    /// Draws connected segments through `points` (round joins and caps); points with a non-finite
    /// coordinate are skipped. A single point draws a dot of diameter `lineWidth`.
    public mutating func strokePolyline(_ points: [PlotPoint], color: PlotColor, lineWidth: Double = 1) {
        let points = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard !points.isEmpty, lineWidth > 0 else { return }
        let r = lineWidth / 2 + 0.5
        let b = clipBounds
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        for p in points {
            minX = min(minX, p.x); maxX = max(maxX, p.x)
            minY = min(minY, p.y); maxY = max(maxY, p.y)
        }
        let mx0 = max(b.x0, Int((minX - r).rounded(.down))), mx1 = min(b.x1, Int((maxX + r).rounded(.up)) + 1)
        let my0 = max(b.y0, Int((minY - r).rounded(.down))), my1 = min(b.y1, Int((maxY + r).rounded(.up)) + 1)
        guard mx0 < mx1, my0 < my1 else { return }
        let mw = mx1 - mx0
        var mask = [Float](repeating: 0, count: mw * (my1 - my0))
        let segments = points.count == 1 ? [(points[0], points[0])] : (1..<points.count).map { (points[$0 - 1], points[$0]) }
        for (p, q) in segments {
            let x0 = max(mx0, Int((min(p.x, q.x) - r).rounded(.down))), x1 = min(mx1, Int((max(p.x, q.x) + r).rounded(.up)) + 1)
            let y0 = max(my0, Int((min(p.y, q.y) - r).rounded(.down))), y1 = min(my1, Int((max(p.y, q.y) + r).rounded(.up)) + 1)
            guard x0 < x1, y0 < y1 else { continue }
            let dx = q.x - p.x, dy = q.y - p.y
            let lengthSquared = dx * dx + dy * dy
            for py in y0..<y1 {
                for px in x0..<x1 {
                    let cx = Double(px) + 0.5, cy = Double(py) + 0.5
                    var t = lengthSquared > 0 ? ((cx - p.x) * dx + (cy - p.y) * dy) / lengthSquared : 0
                    t = min(max(t, 0), 1)
                    let ex = cx - (p.x + t * dx), ey = cy - (p.y + t * dy)
                    let coverage = Float(min(max(lineWidth / 2 + 0.5 - (ex * ex + ey * ey).squareRoot(), 0), 1))
                    let k = (py - my0) * mw + (px - mx0)
                    if coverage > mask[k] { mask[k] = coverage }
                }
            }
        }
        for py in my0..<my1 {
            for px in mx0..<mx1 {
                let coverage = mask[(py - my0) * mw + (px - mx0)]
                if coverage > 0 { blend(x: px, y: py, color: color, coverage: Double(coverage)) }
            }
        }
    }

    /// Fills the disc of `radius` around `center`.
    public mutating func fillCircle(center: PlotPoint, radius: Double, color: PlotColor) {
        circle(center: center, reach: radius + 0.5, color: color) { d in radius + 0.5 - d }
    }

    /// Draws the circle of `radius` around `center` as a ring `lineWidth` wide.
    public mutating func strokeCircle(center: PlotPoint, radius: Double, color: PlotColor, lineWidth: Double = 1) {
        circle(center: center, reach: radius + lineWidth / 2 + 0.5, color: color) { d in lineWidth / 2 + 0.5 - abs(d - radius) }
    }

    private mutating func circle(center: PlotPoint, reach: Double, color: PlotColor, coverage: (Double) -> Double) {
        guard center.x.isFinite, center.y.isFinite, reach > 0 else { return }
        let b = clipBounds
        let x0 = max(b.x0, Int((center.x - reach).rounded(.down))), x1 = min(b.x1, Int((center.x + reach).rounded(.up)) + 1)
        let y0 = max(b.y0, Int((center.y - reach).rounded(.down))), y1 = min(b.y1, Int((center.y + reach).rounded(.up)) + 1)
        guard x0 < x1, y0 < y1 else { return }
        for py in y0..<y1 {
            for px in x0..<x1 {
                let dx = Double(px) + 0.5 - center.x, dy = Double(py) + 0.5 - center.y
                let c = coverage((dx * dx + dy * dy).squareRoot())
                if c > 0 { blend(x: px, y: py, color: color, coverage: c) }
            }
        }
    }
}
