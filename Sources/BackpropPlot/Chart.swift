import Foundation

/// A chart: a description that produces a ``Drawing`` at any size, which the PNG and SVG
/// backends then render. ``LineChart``, ``ImageGrid`` and ``DecisionBoundaryPlot`` conform.
public protocol Chart: Sendable {
    /// Width used when ``svg(width:height:)``, ``png(width:height:)`` or ``write(to:width:height:)``
    /// are called without one.
    var defaultWidth: Int { get }
    /// Height used when none is given.
    var defaultHeight: Int { get }
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
    /// The chart as an SVG document (vector shapes, text as `<text>`).
    public func svg(width: Int? = nil, height: Int? = nil) -> String {
        drawing(width: width ?? defaultWidth, height: height ?? defaultHeight).svg()
    }

    /// The chart as PNG file bytes, drawn with the built-in rasteriser and bitmap font.
    public func png(width: Int? = nil, height: Int? = nil) -> [UInt8] {
        drawing(width: width ?? defaultWidth, height: height ?? defaultHeight).png()
    }

    /// The chart rasterised on a ``Canvas`` (for inspecting or compositing pixels).
    public func rasterized(width: Int? = nil, height: Int? = nil) -> Canvas {
        drawing(width: width ?? defaultWidth, height: height ?? defaultHeight).rasterized()
    }

    /// Writes the chart to `path` as SVG or PNG, by the path's extension, atomically and durably
    /// (a temporary file in the same folder, flushed to disk and renamed over `path`).
    ///
    /// - Throws: ``PlotError/unsupportedExtension(path:found:)`` when the extension is neither
    ///   `.svg` nor `.png`; ``PlotError/writeFailed(path:reason:)`` when the file cannot be written.
    public func write(to path: String, width: Int? = nil, height: Int? = nil) throws(PlotError) {
        switch try ChartFormat(path: path) {
        case .svg: try PlotError.write(Array(svg(width: width, height: height).utf8), to: path)
        case .png: try PlotError.write(png(width: width, height: height), to: path)
        }
    }
}

/// Sizes shared by the charts, derived from the picture size so that text stays legible:
/// the base text scale is 1 up to about 400 px on the short side, 2 up to about 720, and so on.
struct ChartStyle {
    /// Integer scale of tick labels, axis labels, legend and captions.
    let scale: Int
    /// Integer scale of the title.
    let titleScale: Int

    init(width: Int, height: Int) {
        scale = max(1, Int((Double(min(width, height)) / 320).rounded()))
        titleScale = scale + 1
    }

    var s: Double { Double(scale) }
    var padding: Double { 8 * s }
    var tickLength: Double { 4 * s }
    var seriesLineWidth: Double { 1 + 0.5 * s }
    /// Height of one line of text at the base scale (ascent + descent + gap).
    var lineHeight: Double { Double(BitmapFont.lineHeight) * s }
    func textWidth(_ text: String) -> Double { Double(BitmapFont.width(of: text, scale: scale)) }
}

/// The coordinate of the pixel centre nearest to `v`, where 1-pixel lines are crisp.
func pixelCenter(_ v: Double) -> Double {
    (v - 0.5).rounded() + 0.5
}
