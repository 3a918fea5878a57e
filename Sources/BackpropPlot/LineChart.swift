import Foundation

/// A line chart of one or more series, such as the course's cost curve ("cost" against
/// "iterations (per hundreds)"): title, axis labels, 1-2-5 ticks with labels, grid lines, an
/// optional logarithmic y axis (ticks at powers of ten) and a legend when there are several series.
///
///     let chart = LineChart(title: "Learning rate = 0.0075", xLabel: "iterations", yLabel: "cost",
///                           series: [.init(name: "train", x: iterations, y: costs)])
///     try chart.write(to: "cost.png")        // or "cost.svg"
///
/// Points whose x or y is NaN or infinite (or y ≤ 0 on a log axis) are skipped, and the line is
/// broken there rather than joined across the gap.
public struct LineChart: Chart {
    /// One named line.
    public struct Series: Sendable {
        /// Name shown in the legend.
        public var name: String
        /// x coordinates, one per point.
        public var x: [Double]
        /// y coordinates, one per point.
        public var y: [Double]
        /// Line colour; nil takes the next colour of ``PlotColor/palette``.
        public var color: PlotColor?
        /// Whether to draw a dot at every point (useful for a few points).
        public var showsMarkers: Bool
        /// The line's width as a multiple of the chart's series width (0.5: a thin line, as
        /// under a smoothed curve).
        public var lineWidthScale: Double = 1

        /// A series from parallel coordinate arrays.
        /// - Precondition: `x.count == y.count`.
        public init(name: String, x: [Double], y: [Double], color: PlotColor? = nil, showsMarkers: Bool = false,
                    lineWidthScale: Double = 1) {
            precondition(x.count == y.count, "LineChart.Series '\(name)': \(x.count) x values but \(y.count) y values")
            self.name = name
            self.x = x
            self.y = y
            self.color = color
            self.showsMarkers = showsMarkers
            self.lineWidthScale = lineWidthScale
        }

        /// A series from (x, y) pairs.
        public init(name: String, points: [(x: Double, y: Double)], color: PlotColor? = nil, showsMarkers: Bool = false) {
            self.init(name: name, x: points.map(\.x), y: points.map(\.y), color: color, showsMarkers: showsMarkers)
        }

        /// A series with x = 0, 1, 2, … (e.g. one cost per recorded iteration).
        public init(name: String, y: [Double], color: PlotColor? = nil, showsMarkers: Bool = false) {
            self.init(name: name, x: y.indices.map(Double.init), y: y, color: color, showsMarkers: showsMarkers)
        }
    }

    /// Text above the plot ("" for none).
    public var title: String
    /// Text under the x axis ("" for none).
    public var xLabel: String
    /// Text beside the y axis, running upward ("" for none).
    public var yLabel: String
    /// The lines, drawn in order.
    public var series: [Series]
    /// Whether the y axis is logarithmic (base 10).
    public var logScaleY: Bool
    /// Whether to draw grid lines at the ticks.
    public var showsGrid: Bool
    /// Whether to draw the legend; nil shows it when there is more than one series.
    public var showsLegend: Bool?
    /// SVG size used when none is given: 640 × 480 (PNG: twice that, see ``Chart/defaultPNGScale``).
    public var defaultWidth = 640
    /// See ``defaultWidth``.
    public var defaultHeight = 480

    /// Creates a line chart.
    public init(title: String = "", xLabel: String = "", yLabel: String = "", series: [Series],
                logScaleY: Bool = false, showsGrid: Bool = true, showsLegend: Bool? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.logScaleY = logScaleY
        self.showsGrid = showsGrid
        self.showsLegend = showsLegend
    }

    /// The course's cost-curve figure: `costs[i]` recorded at `iterations[i]`, x label "iterations",
    /// y label "cost".
    /// - Precondition: `iterations.count == costs.count`.
    public static func costCurve(iterations: [Int], costs: [Double], title: String = "Cost", logScaleY: Bool = false) -> LineChart {
        LineChart(title: title, xLabel: "iterations", yLabel: "cost",
                  series: [Series(name: "cost", x: iterations.map(Double.init), y: costs)], logScaleY: logScaleY)
    }

    /// The y scale in use.
    public var yScale: AxisScale { logScaleY ? .log10 : .linear }

    /// The x and y domains and ticks the chart draws (data extent rounded out to ticks).
    public func axes() -> (x: (domain: ClosedRange<Double>, ticks: [AxisTick]), y: (domain: ClosedRange<Double>, ticks: [AxisTick])) {
        var xs: [Double] = [], ys: [Double] = []
        for s in series {
            for i in s.x.indices where s.x[i].isFinite && yScale.accepts(s.y[i]) {
                xs.append(s.x[i])
                ys.append(s.y[i])
            }
        }
        let x = AxisTicks.linear(covering: AxisTicks.finiteRange(of: xs))
        let y = logScaleY ? AxisTicks.log(covering: AxisTicks.finiteRange(of: ys, scale: .log10))
                          : AxisTicks.linear(covering: AxisTicks.finiteRange(of: ys))
        return (x, y)
    }

    /// The chart laid out in `width × height`.
    public func drawing(width: Int, height: Int) -> Drawing {
        let style = ChartStyle(width: width, height: height)
        let (xAxis, yAxis) = axes()
        let frame = ChartAxes(width: width, height: height, style: style, title: title, xLabel: xLabel, yLabel: yLabel,
                              x: (xAxis.domain, xAxis.ticks, .linear), y: (yAxis.domain, yAxis.ticks, yScale))
        var drawing = Drawing(width: width, height: height)
        if showsGrid { frame.drawGrid(into: &drawing) }
        var allPoints: [PlotPoint] = []
        var legend = Legend(entries: [])
        drawing.clipped(to: frame.plotRect.insetBy(-style.seriesLineWidth)) { d in
            for (index, s) in series.enumerated() {
                let color = s.color ?? PlotColor.categorical(index)
                let lineWidth = style.seriesLineWidth * s.lineWidthScale
                legend.entries.append(.init(name: s.name, color: color, sample: .line, lineWidth: lineWidth))
                allPoints += draw(s, color: color, lineWidth: lineWidth, frame: frame, into: &d)
            }
        }
        frame.drawFrame(into: &drawing, title: title, xLabel: xLabel, yLabel: yLabel, width: width, height: height)
        if showsLegend ?? (series.count > 1) {
            legend.draw(into: &drawing, plotRect: frame.plotRect, style: style, dataPoints: allPoints)
        }
        return drawing
    }

    /// Draws one series (lines broken at unusable points, markers when asked) and returns
    /// points along its lines, at most 2 layout units apart, for the legend to avoid.
    private func draw(_ s: Series, color: PlotColor, lineWidth: Double, frame: ChartAxes, into d: inout Drawing) -> [PlotPoint] {
        var run: [PlotPoint] = [], along: [PlotPoint] = []
        let step = 2 * frame.style.unit
        func flush() {
            if run.count == 1 && !s.showsMarkers {
                d.append(.circle(center: run[0], radius: lineWidth, fill: color, stroke: nil, lineWidth: 0))
            } else if run.count > 1 {
                d.append(.polyline(run, stroke: color, lineWidth: lineWidth))
            }
            run.removeAll()
        }
        for i in s.x.indices {
            guard let p = frame.point(s.x[i], s.y[i]) else {
                flush()
                continue
            }
            if let last = run.last {
                let pieces = Int(min(1000, (hypot(p.x - last.x, p.y - last.y) / step).rounded(.up)))
                for k in stride(from: 1, to: pieces, by: 1) {
                    let t = Double(k) / Double(pieces)
                    along.append(PlotPoint(x: last.x + t * (p.x - last.x), y: last.y + t * (p.y - last.y)))
                }
            }
            run.append(p)
            along.append(p)
        }
        flush()
        if s.showsMarkers {
            for i in s.x.indices {
                guard let p = frame.point(s.x[i], s.y[i]) else { continue }
                d.append(.circle(center: p, radius: 1.5 * frame.style.seriesLineWidth, fill: color, stroke: .white,
                                 lineWidth: frame.style.lineWidth))
            }
        }
        return along
    }
}
