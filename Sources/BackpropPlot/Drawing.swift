import BackpropIO

/// A resolution-independent list of drawing commands: what a chart produces once, and what the
/// PNG backend (``Drawing/rasterized()``) and the SVG backend (``Drawing/svg()``) both render.
///
/// Coordinates are in pixels of a `width × height` picture, origin top-left, y downward. Text
/// sizes are scales of the built-in ``BitmapFont`` (SVG uses a monospace font of matching size), so a layout measured with ``BitmapFont/width(of:scale:)`` fits in both outputs.
public struct Drawing: Sendable {
    /// One drawing command.
    public enum Item: Sendable {
        /// A filled rectangle.
        case rect(PlotRect, fill: PlotColor)
        /// A rectangle's outline, `lineWidth` wide, centred on its edges.
        case strokedRect(PlotRect, stroke: PlotColor, lineWidth: Double)
        /// Connected line segments (round joins and caps).
        case polyline([PlotPoint], stroke: PlotColor, lineWidth: Double)
        /// A circle, filled and/or outlined.
        case circle(center: PlotPoint, radius: Double, fill: PlotColor?, stroke: PlotColor?, lineWidth: Double)
        /// One line of text; `origin` is on the baseline at the `anchor` end; `rotated` runs it upward.
        case text(String, origin: PlotPoint, scale: Double, color: PlotColor, anchor: TextAnchor, rotated: Bool)
        /// A raster image stretched over `rect` (nearest-neighbour in PNG, `image-rendering: pixelated` in SVG).
        case image(Image, rect: PlotRect)
        /// Items drawn only inside `rect`.
        case clipped(PlotRect, [Item])
    }

    /// Picture width in pixels (PNG) or user units (SVG).
    public let width: Int
    /// Picture height in pixels (PNG) or user units (SVG).
    public let height: Int
    /// The colour under everything.
    public var background: PlotColor
    /// The commands, drawn in order (later ones on top).
    public var items: [Item] = []

    /// An empty drawing. - Precondition: `width > 0`, `height > 0`.
    public init(width: Int, height: Int, background: PlotColor = .white) {
        precondition(width > 0 && height > 0, "Drawing: size must be positive, got \(width)x\(height)")
        self.width = width
        self.height = height
        self.background = background
    }

    /// Appends a command.
    public mutating func append(_ item: Item) {
        items.append(item)
    }

    /// Appends the commands that `body` adds to a scratch drawing, wrapped in a clip to `rect`.
    public mutating func clipped(to rect: PlotRect, _ body: (inout Drawing) -> Void) {
        var inner = Drawing(width: width, height: height, background: background)
        body(&inner)
        items.append(.clipped(rect, inner.items))
    }

    /// Adds a line segment.
    public mutating func line(from a: PlotPoint, to b: PlotPoint, color: PlotColor, lineWidth: Double = 1) {
        items.append(.polyline([a, b], stroke: color, lineWidth: lineWidth))
    }

    /// Adds text; see ``Item/text(_:origin:scale:color:anchor:rotated:)``.
    public mutating func text(_ string: String, at origin: PlotPoint, scale: Double, color: PlotColor = .darkGray,
                              anchor: TextAnchor = .start, rotated: Bool = false) {
        items.append(.text(string, origin: origin, scale: scale, color: color, anchor: anchor, rotated: rotated))
    }

    /// The drawing rendered on a ``Canvas`` of `width × height` pixels.
    public func rasterized() -> Canvas {
        var canvas = Canvas(width: width, height: height, background: background)
        for item in items { Drawing.render(item, on: &canvas) }
        return canvas
    }

    /// The drawing as a PNG file's bytes (RGB when opaque).
    public func png() -> [UInt8] {
        PNGWriter.encode(rasterized().image())
    }

    private static func render(_ item: Item, on canvas: inout Canvas) {
        switch item {
        case let .rect(rect, fill):
            canvas.fill(rect, color: fill)
        case let .strokedRect(rect, stroke, lineWidth):
            canvas.stroke(rect, color: stroke, lineWidth: lineWidth)
        case let .polyline(points, stroke, lineWidth):
            canvas.strokePolyline(points, color: stroke, lineWidth: lineWidth)
        case let .circle(center, radius, fill, stroke, lineWidth):
            if let fill { canvas.fillCircle(center: center, radius: radius, color: fill) }
            if let stroke { canvas.strokeCircle(center: center, radius: radius, color: stroke, lineWidth: lineWidth) }
        case let .text(string, origin, scale, color, anchor, rotated):
            canvas.drawText(string, at: origin, scale: scale, color: color, anchor: anchor, rotated: rotated)
        case let .image(image, rect):
            canvas.draw(image, in: rect)
        case let .clipped(rect, inner):
            canvas.withClip(rect) { clippedCanvas in
                for item in inner { render(item, on: &clippedCanvas) }
            }
        }
    }
}
