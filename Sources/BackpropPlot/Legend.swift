/// A chart legend: a framed box of entries (a line or marker sample, then the name), placed in the
/// corner of the plot area that hides the fewest data points.
struct Legend {
    enum Sample {
        case line
        case marker
    }

    struct Entry {
        var name: String
        var color: PlotColor
        var sample: Sample
    }

    var entries: [Entry]

    /// Draws the legend inside `plotRect`, avoiding `dataPoints` (pixel positions) where it can.
    func draw(into drawing: inout Drawing, plotRect: PlotRect, style: ChartStyle, dataPoints: [PlotPoint]) {
        guard !entries.isEmpty else { return }
        let s = style.s
        let sampleWidth = 18 * s, gap = 5 * s, inner = 6 * s
        let textWidth = entries.map { style.textWidth($0.name) }.max() ?? 0
        let boxWidth = (inner + sampleWidth + gap + textWidth + inner).rounded()
        let boxHeight = (2 * inner + Double(entries.count) * style.lineHeight - 4 * s).rounded()
        let margin = 8 * s
        let corners = [
            PlotPoint(x: plotRect.maxX - margin - boxWidth, y: plotRect.y + margin),  // upper right first
            PlotPoint(x: plotRect.x + margin, y: plotRect.y + margin),
            PlotPoint(x: plotRect.maxX - margin - boxWidth, y: plotRect.maxY - margin - boxHeight),
            PlotPoint(x: plotRect.x + margin, y: plotRect.maxY - margin - boxHeight),
        ]
        var best = corners[0], fewest = Int.max
        for corner in corners {
            let box = PlotRect(x: corner.x, y: corner.y, width: boxWidth, height: boxHeight).insetBy(-2 * s)
            let hidden = dataPoints.reduce(0) { $0 + (box.contains($1) ? 1 : 0) }
            if hidden < fewest {
                fewest = hidden
                best = corner
            }
        }
        let box = PlotRect(x: pixelCenter(best.x), y: pixelCenter(best.y), width: boxWidth, height: boxHeight)
        drawing.append(.rect(box, fill: PlotColor.white.withAlpha(235)))
        drawing.append(.strokedRect(box, stroke: PlotColor(hex: 0xaaaaaa), lineWidth: 1))
        let ascent = Double(BitmapFont.ascent) * s
        for (i, entry) in entries.enumerated() {
            let baseline = box.y + inner + ascent + Double(i) * style.lineHeight
            let middle = baseline - ascent / 2
            let x0 = box.x + inner
            switch entry.sample {
            case .line:
                drawing.line(from: PlotPoint(x: x0, y: middle), to: PlotPoint(x: x0 + sampleWidth, y: middle),
                             color: entry.color, lineWidth: style.seriesLineWidth)
            case .marker:
                drawing.append(.circle(center: PlotPoint(x: x0 + sampleWidth / 2, y: middle), radius: 3 * s,
                                       fill: entry.color, stroke: entry.color.mixed(with: .black, 0.4), lineWidth: 1))
            }
            drawing.text(entry.name, at: PlotPoint(x: (x0 + sampleWidth + gap).rounded(), y: baseline.rounded()),
                         scale: style.scale, color: .darkGray)
        }
    }
}
