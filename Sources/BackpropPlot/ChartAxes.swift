/// The frame shared by the x-y charts: plot area, axis mappings, ticks, grid, labels and title.
///
/// Layout, from the outside in: padding; the title (centred over the plot area); the y-axis label
/// (rotated) and the y tick labels on the left; the x tick labels and the x-axis label below.
struct ChartAxes {
    let plotRect: PlotRect
    let x: AxisMapping
    let y: AxisMapping
    let xTicks: [AxisTick]
    let yTicks: [AxisTick]
    let style: ChartStyle

    init(width: Int, height: Int, style: ChartStyle, title: String, xLabel: String, yLabel: String,
         x: (domain: ClosedRange<Double>, ticks: [AxisTick], scale: AxisScale),
         y: (domain: ClosedRange<Double>, ticks: [AxisTick], scale: AxisScale), reservedRight: Double = 0) {
        let s = style.s
        let ascent = Double(BitmapFont.ascent) * s
        let yTickWidth = y.ticks.map { style.textWidth($0.label) }.max() ?? 0
        let lastXTickWidth = x.ticks.last.map { style.textWidth($0.label) } ?? 0
        var left = style.padding + yTickWidth + style.tickLength + 4 * s
        if !yLabel.isEmpty { left += Double(BitmapFont.ascent + BitmapFont.descent) * s + 8 * s }
        var top = style.padding + ascent / 2
        if !title.isEmpty { top += Double(BitmapFont.lineHeight) * style.titleScale + 4 * s }
        var bottom = style.padding + style.tickLength + 4 * s + ascent
        if !xLabel.isEmpty { bottom += 8 * s + Double(BitmapFont.ascent + BitmapFont.descent) * s }
        let right = style.padding + max(lastXTickWidth / 2, 4 * s) + reservedRight
        let x0 = style.crisp(left), y0 = style.crisp(top)
        let x1 = style.crisp(max(x0 + 10, Double(width) - right)), y1 = style.crisp(max(y0 + 10, Double(height) - bottom))
        plotRect = PlotRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
        self.x = AxisMapping(domain: x.domain, scale: x.scale, pixelStart: x0, pixelEnd: x1)
        self.y = AxisMapping(domain: y.domain, scale: y.scale, pixelStart: y1, pixelEnd: y0)
        xTicks = x.ticks.filter { x.domain.contains($0.value) }
        yTicks = y.ticks.filter { y.domain.contains($0.value) }
        self.style = style
    }

    /// The pixel position of a data point, or nil when either coordinate cannot be shown.
    func point(_ px: Double, _ py: Double) -> PlotPoint? {
        guard let u = x.position(px), let v = y.position(py) else { return nil }
        return PlotPoint(x: u, y: v)
    }

    /// Grid lines at the ticks (minor ones fainter), drawn under the data.
    func drawGrid(into drawing: inout Drawing) {
        for tick in xTicks {
            guard let u = x.position(tick.value) else { continue }
            let c = style.crisp(u)
            drawing.line(from: PlotPoint(x: c, y: plotRect.y), to: PlotPoint(x: c, y: plotRect.maxY),
                         color: tick.isMajor ? .gridGray : .minorGridGray, lineWidth: style.lineWidth)
        }
        for tick in yTicks {
            guard let v = y.position(tick.value) else { continue }
            let c = style.crisp(v)
            drawing.line(from: PlotPoint(x: plotRect.x, y: c), to: PlotPoint(x: plotRect.maxX, y: c),
                         color: tick.isMajor ? .gridGray : .minorGridGray, lineWidth: style.lineWidth)
        }
    }

    /// Frame, tick marks, tick labels, axis labels and title, drawn over the data.
    func drawFrame(into drawing: inout Drawing, title: String, xLabel: String, yLabel: String, width: Int, height: Int) {
        let s = style.s
        let ascent = Double(BitmapFont.ascent) * s
        drawing.append(.strokedRect(plotRect, stroke: .darkGray, lineWidth: style.lineWidth))
        for tick in xTicks {
            guard let u = x.position(tick.value) else { continue }
            let c = style.crisp(u)
            let length = tick.isMajor ? style.tickLength : style.tickLength / 2
            drawing.line(from: PlotPoint(x: c, y: plotRect.maxY), to: PlotPoint(x: c, y: plotRect.maxY + length),
                         color: .darkGray, lineWidth: style.lineWidth)
            if !tick.label.isEmpty {
                drawing.text(tick.label, at: PlotPoint(x: c, y: plotRect.maxY + style.tickLength + 4 * s + ascent),
                             scale: style.scale, anchor: .middle)
            }
        }
        for tick in yTicks {
            guard let v = y.position(tick.value) else { continue }
            let c = style.crisp(v)
            let length = tick.isMajor ? style.tickLength : style.tickLength / 2
            drawing.line(from: PlotPoint(x: plotRect.x - length, y: c), to: PlotPoint(x: plotRect.x, y: c),
                         color: .darkGray, lineWidth: style.lineWidth)
            if !tick.label.isEmpty {
                drawing.text(tick.label, at: PlotPoint(x: plotRect.x - style.tickLength - 4 * s, y: (c + ascent / 2).rounded()),
                             scale: style.scale, anchor: .end)
            }
        }
        if !title.isEmpty {
            drawTitle(title, into: &drawing, centeredOn: plotRect.center.x, width: width, scale: style.titleScale, padding: style.padding)
        }
        if !xLabel.isEmpty {
            drawing.text(xLabel, at: PlotPoint(x: plotRect.center.x.rounded(),
                                               y: Double(height) - style.padding - Double(BitmapFont.descent) * s),
                         scale: style.scale, anchor: .middle)
        }
        if !yLabel.isEmpty {
            drawing.text(yLabel, at: PlotPoint(x: style.padding + ascent, y: plotRect.center.y.rounded()),
                         scale: style.scale, anchor: .middle, rotated: true)
        }
    }
}

/// Draws a title at the top of a `width`-wide picture: at the largest scale ≤ `scale` (but at
/// least `scale / 3`) at which it fits between the paddings, centred on `centerX` but moved
/// inward so that it stays on the picture. Returns the scale used.
@discardableResult
func drawTitle(_ title: String, into drawing: inout Drawing, centeredOn centerX: Double, width: Int, scale: Double, padding: Double) -> Double {
    let available = Double(width) - 2 * padding
    let natural = BitmapFont.width(of: title, scale: 1)
    let scale = natural > 0 ? max(scale / 3, min(scale, available / natural)) : scale
    let half = BitmapFont.width(of: title, scale: scale) / 2
    var x = centerX
    if x - half < padding { x = padding + half }
    if x + half > Double(width) - padding { x = max(padding + half, Double(width) - padding - half) }
    if half * 2 > available { x = Double(width) / 2 }
    drawing.text(title, at: PlotPoint(x: x.rounded(), y: padding + Double(BitmapFont.ascent) * scale),
                 scale: scale, color: .black, anchor: .middle)
    return scale
}
