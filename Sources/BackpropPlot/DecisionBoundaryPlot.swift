import BackpropIO

/// The decision boundary of a classifier on a 2-D data set: the plane coloured by the class the
/// classifier predicts at each point, the data points as markers coloured by their true class, and
/// axes (the course's `plot_decision_boundary` for the planar "flower" data set).
///
///     let plot = DecisionBoundaryPlot(title: "Hidden layer of size 4", x: x1, y: x2, labels: labels,
///                                     classNames: ["red", "blue"]) { a, b in predict(a, b) }
///     try plot.write(to: "boundary.png")
///
/// The classifier runs once, in `init`, on a `resolution × resolution` grid of cell centres
/// covering the data's extent plus `margin` of its span on each side; the chart then keeps only
/// the class map, so it is a plain value.
public struct DecisionBoundaryPlot: Chart {
    /// Text above the plot.
    public var title: String
    /// Name of the first feature (x axis).
    public var xLabel: String
    /// Name of the second feature (y axis).
    public var yLabel: String
    /// First coordinate of each data point.
    public let x: [Double]
    /// Second coordinate of each data point.
    public let y: [Double]
    /// True class index of each data point (0-based).
    public let labels: [Int]
    /// Names of the classes for the legend; empty for no legend.
    public var classNames: [String]
    /// The x interval shown.
    public let xDomain: ClosedRange<Double>
    /// The y interval shown.
    public let yDomain: ClosedRange<Double>
    /// Number of grid cells along each axis.
    public let resolution: Int
    /// Predicted class of each grid cell, row-major, row 0 at the top (largest y).
    public let classMap: [Int]
    /// SVG size used when none is given: 560 × 480 (PNG: twice that, see ``Chart/defaultPNGScale``).
    public var defaultWidth = 560
    /// See ``defaultWidth``.
    public var defaultHeight = 480

    /// Evaluates `classifyBatch` on the grid in one call (fast for a network that classifies a
    /// whole matrix of inputs at once).
    ///
    /// - Parameters:
    ///   - title: the chart title.
    ///   - xLabel: the horizontal axis label.
    ///   - yLabel: the vertical axis label.
    ///   - x: the points' first coordinates (non-finite points are not drawn).
    ///   - y: the points' second coordinates.
    ///   - labels: the points' class indices.
    ///   - classNames: the legend's names, one per class (empty: "class 0", …).
    ///   - resolution: grid cells per axis (≥ 2).
    ///   - margin: padding around the data, as a fraction of its span.
    ///   - classifyBatch: given the grid's x and y coordinates (parallel arrays, `resolution²` each),
    ///     returns one class index per grid point.
    /// - Precondition: `x`, `y`, `labels` have equal counts; the classifier returns one class per point.
    public init(title: String = "", xLabel: String = "x1", yLabel: String = "x2", x: [Double], y: [Double], labels: [Int],
                classNames: [String] = [], resolution: Int = 200, margin: Double = 0.1,
                classifyBatch: ([Double], [Double]) -> [Int]) {
        precondition(x.count == y.count && y.count == labels.count,
                     "DecisionBoundaryPlot: x has \(x.count) values, y \(y.count), labels \(labels.count)")
        let resolution = max(2, resolution)
        func padded(_ range: ClosedRange<Double>?) -> ClosedRange<Double> {
            guard let range else { return -1...1 }
            let pad = range.upperBound > range.lowerBound ? (range.upperBound - range.lowerBound) * margin : 1
            return (range.lowerBound - pad)...(range.upperBound + pad)
        }
        let xDomain = padded(AxisTicks.finiteRange(of: x))
        let yDomain = padded(AxisTicks.finiteRange(of: y))
        var gx: [Double] = [], gy: [Double] = []
        gx.reserveCapacity(resolution * resolution)
        gy.reserveCapacity(resolution * resolution)
        for row in 0..<resolution {
            let v = yDomain.upperBound - (Double(row) + 0.5) / Double(resolution) * (yDomain.upperBound - yDomain.lowerBound)
            for column in 0..<resolution {
                gx.append(xDomain.lowerBound + (Double(column) + 0.5) / Double(resolution) * (xDomain.upperBound - xDomain.lowerBound))
                gy.append(v)
            }
        }
        let map = classifyBatch(gx, gy)
        precondition(map.count == gx.count, "DecisionBoundaryPlot: classifier returned \(map.count) classes for \(gx.count) points")
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.x = x
        self.y = y
        self.labels = labels
        self.classNames = classNames
        self.xDomain = xDomain
        self.yDomain = yDomain
        self.resolution = resolution
        self.classMap = map
    }

    /// Evaluates `classify(x, y) -> class index` at every grid point.
    public init(title: String = "", xLabel: String = "x1", yLabel: String = "x2", x: [Double], y: [Double], labels: [Int],
                classNames: [String] = [], resolution: Int = 200, margin: Double = 0.1,
                classify: (Double, Double) -> Int) {
        self.init(title: title, xLabel: xLabel, yLabel: yLabel, x: x, y: y, labels: labels, classNames: classNames,
                  resolution: resolution, margin: margin) { xs, ys in
            zip(xs, ys).map { classify($0, $1) }
        }
    }

    /// The background colour of class `c`: its palette colour mixed 65% toward white (grey for c < 0).
    public static func regionColor(_ c: Int) -> PlotColor {
        (c < 0 ? PlotColor(hex: 0x999999) : PlotColor.categorical(c)).mixed(with: .white, 0.65)
    }

    /// The class map as an RGB image, one pixel per grid cell.
    public func regionImage() -> Image {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(classMap.count * 3)
        let colors = (0..<10).map(DecisionBoundaryPlot.regionColor)
        for c in classMap {
            let color = c >= 0 ? colors[c % 10] : DecisionBoundaryPlot.regionColor(-1)
            pixels += [color.red, color.green, color.blue]
        }
        return Image(width: resolution, height: resolution, channels: 3, samples: pixels)
    }

    /// The chart laid out in `width × height`. The legend goes in the plot area where it hides
    /// the fewest points; when every place there hides some, it goes to the right of the plot.
    public func drawing(width: Int, height: Int) -> Drawing {
        let style = ChartStyle(width: width, height: height)
        let legend = Legend(entries: classNames.enumerated().map { Legend.Entry(name: $0.element, color: .categorical($0.offset), sample: .marker) })
        let markerRadius = 2.25 * style.s
        var frame = axes(width: width, height: height, style: style, reservedRight: 0)
        var legendOrigin: PlotPoint?
        if !legend.entries.isEmpty {
            let inside = legend.place(in: frame.plotRect, style: style, dataPoints: points(frame), pointRadius: markerRadius)
            legendOrigin = PlotPoint(x: inside.box.x, y: inside.box.y)
            let outsideWidth = legend.size(style: style).width + 8 * style.s
            if inside.hidden > 0 && frame.plotRect.width - outsideWidth > frame.plotRect.height / 2 {
                frame = axes(width: width, height: height, style: style, reservedRight: outsideWidth)
                legendOrigin = PlotPoint(x: frame.plotRect.maxX + 8 * style.s, y: frame.plotRect.y)
            }
        }
        var drawing = Drawing(width: width, height: height)
        drawing.append(.image(regionImage(), rect: frame.plotRect))
        drawing.clipped(to: frame.plotRect) { d in
            for (i, p) in zip(x.indices, points(frame)) where p.x.isFinite {
                let color = PlotColor.categorical(labels[i])
                d.append(.circle(center: p, radius: markerRadius, fill: color,
                                 stroke: color.mixed(with: .black, 0.45), lineWidth: style.lineWidth))
            }
        }
        frame.drawFrame(into: &drawing, title: title, xLabel: xLabel, yLabel: yLabel, width: width, height: height)
        if let legendOrigin { legend.draw(into: &drawing, at: legendOrigin, style: style) }
        return drawing
    }

    /// The frame, with `reservedRight` kept free right of the plot area.
    private func axes(width: Int, height: Int, style: ChartStyle, reservedRight: Double) -> ChartAxes {
        ChartAxes(width: width, height: height, style: style, title: title, xLabel: xLabel, yLabel: yLabel,
                  x: (xDomain, AxisTicks.linear(inside: xDomain), .linear),
                  y: (yDomain, AxisTicks.linear(inside: yDomain), .linear), reservedRight: reservedRight)
    }

    /// The pixel position of every data point, (NaN, NaN) for one that cannot be drawn.
    private func points(_ frame: ChartAxes) -> [PlotPoint] {
        x.indices.map { frame.point(x[$0], y[$0]) ?? PlotPoint(x: .nan, y: .nan) }
    }
}
