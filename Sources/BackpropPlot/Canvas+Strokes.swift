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
        guard !points.isEmpty else { return }
        let segments = points.count == 1 ? [(points[0], points[0])] : (1..<points.count).map { (points[$0 - 1], points[$0]) }
        strokeSegments(segments, color: color, lineWidth: lineWidth)
    }

    /// Draws line segments (round caps) as one shape: each pixel takes the largest coverage of
    /// any segment, so overlaps and joints are not darkened. A segment with equal ends is a dot.
    public mutating func strokeSegments(_ segments: [(PlotPoint, PlotPoint)], color: PlotColor, lineWidth: Double = 1) {
        let segments = segments.filter { $0.0.x.isFinite && $0.0.y.isFinite && $0.1.x.isFinite && $0.1.y.isFinite }
        guard !segments.isEmpty, lineWidth > 0 else { return }
        let r = lineWidth / 2 + 0.5
        let b = clipBounds
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        for (p, q) in segments {
            minX = min(minX, p.x, q.x); maxX = max(maxX, p.x, q.x)
            minY = min(minY, p.y, q.y); maxY = max(maxY, p.y, q.y)
        }
        let mx0 = max(b.x0, Int((minX - r).rounded(.down))), mx1 = min(b.x1, Int((maxX + r).rounded(.up)) + 1)
        let my0 = max(b.y0, Int((minY - r).rounded(.down))), my1 = min(b.y1, Int((maxY + r).rounded(.up)) + 1)
        guard mx0 < mx1, my0 < my1 else { return }
        var mask = CoverageMask(x0: mx0, y0: my0, width: mx1 - mx0, height: my1 - my0)
        for (p, q) in segments { mask.add(segment: p, q, lineWidth: lineWidth) }
        for py in my0..<my1 {
            for px in mx0..<mx1 {
                let coverage = mask[px, py]
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

/// The coverage of a shape over a block of pixels, built up as the largest coverage of its parts.
struct CoverageMask {
    let x0: Int, y0: Int, width: Int, height: Int
    private var values: [Float]

    init(x0: Int, y0: Int, width: Int, height: Int) {
        (self.x0, self.y0, self.width, self.height) = (x0, y0, width, height)
        values = [Float](repeating: 0, count: width * height)
    }

    /// The coverage of pixel (x, y), which lies inside the block.
    subscript(x: Int, y: Int) -> Float { values[(y - y0) * width + (x - x0)] }

    /// Adds the segment p–q stroked `lineWidth` wide with round caps: coverage
    /// `clamp(w/2 + 1/2 − d, 0, 1)` for a pixel centre at distance d from the segment.
    mutating func add(segment p: PlotPoint, _ q: PlotPoint, lineWidth: Double) {
        let r = lineWidth / 2 + 0.5
        let xa = max(x0, Int((min(p.x, q.x) - r).rounded(.down))), xb = min(x0 + width, Int((max(p.x, q.x) + r).rounded(.up)) + 1)
        let ya = max(y0, Int((min(p.y, q.y) - r).rounded(.down))), yb = min(y0 + height, Int((max(p.y, q.y) + r).rounded(.up)) + 1)
        guard xa < xb, ya < yb else { return }
        let dx = q.x - p.x, dy = q.y - p.y
        let lengthSquared = dx * dx + dy * dy
        for py in ya..<yb {
            for px in xa..<xb {
                let cx = Double(px) + 0.5, cy = Double(py) + 0.5
                var t = lengthSquared > 0 ? ((cx - p.x) * dx + (cy - p.y) * dy) / lengthSquared : 0
                t = min(max(t, 0), 1)
                let ex = cx - (p.x + t * dx), ey = cy - (p.y + t * dy)
                let coverage = Float(min(max(lineWidth / 2 + 0.5 - (ex * ex + ey * ey).squareRoot(), 0), 1))
                let k = (py - y0) * width + (px - x0)
                if coverage > values[k] { values[k] = coverage }
            }
        }
    }
}
