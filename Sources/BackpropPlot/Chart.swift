import Foundation

/// A chart: a description that produces a ``Drawing`` at any size, which the PNG and SVG
/// backends then render. ``LineChart``, ``ImageGrid`` and ``DecisionBoundaryPlot`` conform.
///
/// A chart looks the same at every size (text, lines and margins grow with the picture), so a
/// PNG of twice the size is the same picture, sharper on high-density screens.
public protocol Chart: Sendable {
    /// Width used when ``svg(width:height:)`` or ``write(to:width:height:)`` (for SVG) are called
    /// without one.
    var defaultWidth: Int { get }
    /// Height used when none is given.
    var defaultHeight: Int { get }
    /// A PNG without a given size is ``defaultWidth`` × ``defaultHeight`` times this (2 unless
    /// the chart says otherwise: a 1280 × 960 PNG for a 640 × 480 chart).
    var defaultPNGScale: Double { get }
    /// The chart laid out in a `width × height` picture (pixels for PNG, user units for SVG).
    func drawing(width: Int, height: Int) -> Drawing
}

/// The output formats a chart can be written in, chosen by file extension.
public enum ChartFormat: String, Sendable, CaseIterable {
    /// Scalable Vector Graphics (`.svg`).
    case svg
    /// Portable Network Graphics (`.png`).
    case png

    /// The format named by `path`'s extension (case-insensitive).
    ///
    /// - Throws: ``PlotError/unsupportedExtension(path:found:)`` for any other extension.
    public init(path: String) throws(PlotError) {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard let format = ChartFormat(rawValue: ext) else { throw .unsupportedExtension(path: path, found: ext) }
        self = format
    }
}

extension Chart {
    /// Twice the default size.
    public var defaultPNGScale: Double { 2 }

    /// The size of a PNG without a given size: the default size times ``defaultPNGScale``.
    public var defaultPNGSize: (width: Int, height: Int) {
        (Int((Double(defaultWidth) * defaultPNGScale).rounded()), Int((Double(defaultHeight) * defaultPNGScale).rounded()))
    }

    /// The chart as an SVG document (vector shapes, text as `<text>`).
    public func svg(width: Int? = nil, height: Int? = nil) -> String {
        drawing(width: width ?? defaultWidth, height: height ?? defaultHeight).svg()
    }

    /// The chart as PNG file bytes, drawn with the built-in rasteriser and font; without a size,
    /// ``defaultPNGSize``.
    public func png(width: Int? = nil, height: Int? = nil) -> [UInt8] {
        drawing(width: width ?? defaultPNGSize.width, height: height ?? defaultPNGSize.height).png()
    }

    /// The chart rasterised on a ``Canvas`` (for inspecting or compositing pixels), by default
    /// at ``defaultPNGSize``.
    public func rasterized(width: Int? = nil, height: Int? = nil) -> Canvas {
        drawing(width: width ?? defaultPNGSize.width, height: height ?? defaultPNGSize.height).rasterized()
    }

    /// Writes the chart to `path` as SVG or PNG, by the path's extension, atomically and durably
    /// (a temporary file in the same folder, flushed to disk and renamed over `path`).
    ///
    /// - Throws: ``PlotError/unsupportedExtension(path:found:)`` when the extension is neither
    ///   `.svg` nor `.png`; ``PlotError/writeFailed(path:reason:)`` when the file cannot be written.
    public func write(to path: String, size: PlotSize?) throws(PlotError) {
        try write(to: path, width: size?.width, height: size?.height)
    }

    /// Writes the chart to `path` as SVG or PNG; see ``write(to:size:)``.
    public func write(to path: String, width: Int? = nil, height: Int? = nil) throws(PlotError) {
        switch try ChartFormat(path: path) {
        case .svg: try PlotError.write(Array(svg(width: width, height: height).utf8), to: path)
        case .png: try PlotError.write(png(width: width, height: height), to: path)
        }
    }
}

/// Sizes shared by the charts, proportional to the picture's short side, so that a chart looks
/// the same at every size, only sharper when larger: one layout unit is 1 pixel at 640 × 480
/// (480 on the short side) and 2 at 1280 × 960, the default PNG size; never less than 0.5.
struct ChartStyle {
    /// Pixels per layout unit.
    let unit: Double

    init(width: Int, height: Int) {
        unit = max(0.5, Double(min(width, height)) / 480)
    }

    /// Text scale of tick labels, axis labels, legend and captions (2 at 640 × 480).
    var scale: Double { 2 * unit }
    /// Text scale of the title.
    var titleScale: Double { 3 * unit }
    /// The text scale, the unit of the paddings below.
    var s: Double { scale }
    var padding: Double { 8 * s }
    var tickLength: Double { 4 * s }
    /// Width of the frame, grid lines and tick marks.
    var lineWidth: Double { unit }
    var seriesLineWidth: Double { 2 * unit }
    /// Height of one line of text at the base scale (ascent + descent + gap).
    var lineHeight: Double { Double(BitmapFont.lineHeight) * s }
    func textWidth(_ text: String) -> Double { BitmapFont.width(of: text, scale: scale) }
    /// `v` moved to where a line of ``lineWidth`` is crisp (see ``crisp(_:lineWidth:)``).
    func crisp(_ v: Double) -> Double { BackpropPlot.crisp(v, lineWidth: lineWidth) }
}

/// The coordinate of the pixel centre nearest to `v`, where 1-pixel lines are crisp.
func pixelCenter(_ v: Double) -> Double {
    (v - 0.5).rounded() + 0.5
}

/// The coordinate nearest to `v` on which a line `lineWidth` wide covers whole pixels: a pixel
/// centre for an odd width (rounded), a pixel edge for an even one.
func crisp(_ v: Double, lineWidth: Double) -> Double {
    Int(max(1, lineWidth.rounded())) % 2 == 1 ? pixelCenter(v) : v.rounded()
}
