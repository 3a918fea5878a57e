/// The SVG backend of ``Drawing``: every command becomes one vector element; text stays text.
extension Drawing {
    /// The font stack used for text; monospace so that the bitmap font's layout fits.
    public static let svgFontFamily = "DejaVu Sans Mono, Menlo, Consolas, Liberation Mono, monospace"

    /// The drawing as a standalone SVG document.
    ///
    /// Rectangles, polylines and circles become `<rect>`, `<polyline>`, `<circle>`; text becomes
    /// `<text>` (escaped) with `font-size = 10 × scale`; clipped groups become `<clipPath>` + `<g>`;
    /// raster images are embedded as base64 PNG `data:` URIs.
    public func svg() -> String {
        var writer = SVGWriter(width: width, height: height)
        writer.element("rect", ["x": "0", "y": "0", "width": "\(width)", "height": "\(height)"]
            .merging(Drawing.fill(background)) { a, _ in a })
        var clipCount = 0
        for item in items { Drawing.write(item, to: &writer, clipCount: &clipCount) }
        return writer.finish()
    }

    private static func fill(_ color: PlotColor) -> [String: String] {
        var a = ["fill": color.hexString]
        if color.alpha < 255 { a["fill-opacity"] = SVGWriter.number(Double(color.alpha) / 255) }
        return a
    }

    private static func stroke(_ color: PlotColor, _ lineWidth: Double) -> [String: String] {
        var a = ["stroke": color.hexString, "stroke-width": SVGWriter.number(lineWidth)]
        if color.alpha < 255 { a["stroke-opacity"] = SVGWriter.number(Double(color.alpha) / 255) }
        return a
    }

    private static func rectAttributes(_ r: PlotRect) -> [String: String] {
        ["x": SVGWriter.number(r.x), "y": SVGWriter.number(r.y),
         "width": SVGWriter.number(r.width), "height": SVGWriter.number(r.height)]
    }

    private static func write(_ item: Item, to writer: inout SVGWriter, clipCount: inout Int) {
        let n = SVGWriter.number
        switch item {
        case let .rect(r, color):
            writer.element("rect", rectAttributes(r).merging(fill(color)) { a, _ in a })
        case let .strokedRect(r, color, lineWidth):
            writer.element("rect", rectAttributes(r).merging(stroke(color, lineWidth)) { a, _ in a }
                .merging(["fill": "none"]) { a, _ in a })
        case let .polyline(points, color, lineWidth):
            let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
            guard !finite.isEmpty else { return }
            let list = finite.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
            var a = stroke(color, lineWidth)
            a["fill"] = "none"
            a["stroke-linecap"] = "round"
            a["stroke-linejoin"] = "round"
            a["points"] = finite.count == 1 ? list + " " + list : list
            writer.element("polyline", a)
        case let .circle(center, radius, fillColor, strokeColor, lineWidth):
            guard center.x.isFinite, center.y.isFinite else { return }
            var a = ["cx": n(center.x), "cy": n(center.y), "r": n(radius)]
            a.merge(fillColor.map(fill) ?? ["fill": "none"]) { a, _ in a }
            if let strokeColor { a.merge(stroke(strokeColor, lineWidth)) { a, _ in a } }
            writer.element("circle", a)
        case let .text(string, origin, scale, color, anchor, rotated):
            var a = ["x": n(origin.x), "y": n(origin.y), "font-family": svgFontFamily,
                     "font-size": n(BitmapFont.svgFontSize(scale: scale)), "text-anchor": anchor.rawValue,
                     "xml:space": "preserve"]
            a.merge(fill(color)) { a, _ in a }
            if rotated { a["transform"] = "rotate(-90 \(n(origin.x)) \(n(origin.y)))" }
            writer.element("text", a, text: string)
        case let .image(image, r):
            let uri = "data:image/png;base64," + Base64.encode(PNGWriter.encode(image))
            var a = rectAttributes(r)
            a["preserveAspectRatio"] = "none"
            a["style"] = "image-rendering:pixelated;image-rendering:crisp-edges"
            a["href"] = uri
            a["xlink:href"] = uri
            writer.element("image", a)
        case let .clipped(r, inner):
            clipCount += 1
            let id = "clip\(clipCount)"
            writer.open("clipPath", ["id": id])
            writer.element("rect", rectAttributes(r))
            writer.close("clipPath")
            writer.open("g", ["clip-path": "url(#\(id))"])
            for item in inner { write(item, to: &writer, clipCount: &clipCount) }
            writer.close("g")
        }
    }
}
