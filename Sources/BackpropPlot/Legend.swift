/// A chart legend: a framed box of entries (a line or marker sample, then the name), placed
/// where it hides the fewest data points (see ``placement(size:in:margin:avoiding:pointRadius:)``).
struct Legend {
    enum Sample {
        case line
        case marker
    }

    struct Entry {
        var name: String
        var color: PlotColor
        var sample: Sample
        /// Line width of a `.line` sample; nil: the chart's series width.
        var lineWidth: Double? = nil
    }

    var entries: [Entry]

    /// Where the legend's candidate places lie along each side of the plot area, as fractions of
    /// the free room, in order of preference (ties go to the earlier): the four corners (upper
    /// right first, as matplotlib's "best" prefers), the middles of the sides, then the
    /// quarter points of the top and bottom edges.
    static let candidates: [(x: Double, y: Double)] = [
        (1, 0), (0, 0), (1, 1), (0, 1),
        (0.5, 0), (0.5, 1), (1, 0.5), (0, 0.5),
        (0.25, 0), (0.75, 0), (0.25, 1), (0.75, 1),
    ]

    /// The rectangle of `size` inside `plotRect` (at least `margin` from its edges) that covers
    /// the fewest of `points`, a point counting when its marker, a disc of `pointRadius`, touches
    /// the box; among equals the first of ``candidates``.
    static func placement(size: (width: Double, height: Double), in plotRect: PlotRect, margin: Double,
                          avoiding points: [PlotPoint], pointRadius: Double) -> (box: PlotRect, hidden: Int) {
        let roomX = max(0, plotRect.width - 2 * margin - size.width), roomY = max(0, plotRect.height - 2 * margin - size.height)
        var best: PlotRect?, fewest = Int.max
        for (fx, fy) in candidates {
            let box = PlotRect(x: plotRect.x + margin + fx * roomX, y: plotRect.y + margin + fy * roomY,
                               width: size.width, height: size.height)
            let grown = box.insetBy(-pointRadius)
            let hidden = points.reduce(0) { $0 + (grown.contains($1) ? 1 : 0) }
            if hidden < fewest {
                fewest = hidden
                best = box
            }
            if hidden == 0 { break }
        }
        return (best!, fewest)
    }

    /// Draws the legend inside `plotRect`, avoiding `dataPoints` (pixel positions of markers of
    /// `pointRadius`, or points along the lines) where it can.
    func draw(into drawing: inout Drawing, plotRect: PlotRect, style: ChartStyle, dataPoints: [PlotPoint], pointRadius: Double = 0) {
        guard !entries.isEmpty else { return }
        let box = place(in: plotRect, style: style, dataPoints: dataPoints, pointRadius: pointRadius).box
        draw(into: &drawing, at: PlotPoint(x: box.x, y: box.y), style: style)
    }

    /// The box's size at `style`.
    func size(style: ChartStyle) -> (width: Double, height: Double) {
        let s = style.s
        let textWidth = entries.map { style.textWidth($0.name) }.max() ?? 0
        return ((6 * s + 18 * s + 5 * s + textWidth + 6 * s).rounded(), (12 * s + Double(entries.count) * style.lineHeight - 4 * s).rounded())
    }

    /// The best place inside `plotRect` and how many points it hides (see ``placement(size:in:margin:avoiding:pointRadius:)``).
    func place(in plotRect: PlotRect, style: ChartStyle, dataPoints: [PlotPoint], pointRadius: Double) -> (box: PlotRect, hidden: Int) {
        Legend.placement(size: size(style: style), in: plotRect, margin: 8 * style.s, avoiding: dataPoints,
                         pointRadius: pointRadius + 2 * style.s)
    }

    /// Draws the legend with its top-left corner at `origin`.
    func draw(into drawing: inout Drawing, at origin: PlotPoint, style: ChartStyle) {
        guard !entries.isEmpty else { return }
        let s = style.s
        let sampleWidth = 18 * s, gap = 5 * s, inner = 6 * s
        let (boxWidth, boxHeight) = size(style: style)
        let box = PlotRect(x: style.crisp(origin.x), y: style.crisp(origin.y), width: boxWidth, height: boxHeight)
        drawing.append(.rect(box, fill: PlotColor.white.withAlpha(235)))
        drawing.append(.strokedRect(box, stroke: PlotColor(hex: 0xaaaaaa), lineWidth: style.lineWidth))
        let ascent = Double(BitmapFont.ascent) * s
        for (i, entry) in entries.enumerated() {
            let baseline = box.y + inner + ascent + Double(i) * style.lineHeight
            let middle = baseline - ascent / 2
            let x0 = box.x + inner
            switch entry.sample {
            case .line:
                drawing.line(from: PlotPoint(x: x0, y: middle), to: PlotPoint(x: x0 + sampleWidth, y: middle),
                             color: entry.color, lineWidth: entry.lineWidth ?? style.seriesLineWidth)
            case .marker:
                drawing.append(.circle(center: PlotPoint(x: x0 + sampleWidth / 2, y: middle), radius: 3 * s,
                                       fill: entry.color, stroke: entry.color.mixed(with: .black, 0.4), lineWidth: style.lineWidth))
            }
            drawing.text(entry.name, at: PlotPoint(x: (x0 + sampleWidth + gap).rounded(), y: baseline.rounded()),
                         scale: style.scale, color: .darkGray)
        }
    }
}
