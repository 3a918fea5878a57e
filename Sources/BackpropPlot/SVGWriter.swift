import BackpropIO

/// Builds an SVG 1.1 document element by element, escaping every attribute value and text.
///
///     var svg = SVGWriter(width: 200, height: 100)
///     svg.element("rect", ["x": "0", "y": "0", "width": "200", "height": "100", "fill": "#ffffff"])
///     svg.element("text", ["x": "10", "y": "50"], text: "cost < 0.1 & falling")
///     let document = svg.finish()
public struct SVGWriter: Sendable {
    private var body: String = ""
    private var depth = 1
    private let width: Int
    private let height: Int

    /// Starts a document of `width × height` user units (the viewBox is the same size).
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Escapes text for XML content and attribute values: `& < > " '` become entities, and characters
    /// that XML 1.0 forbids (C0 controls other than tab, newline, carriage return) become U+FFFD.
    public static func escape(_ text: String) -> String {
        replacingScalars(in: text) { scalar in
            switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case "'": "&apos;"
            case "\t", "\n", "\r": nil
            default: scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF ? "\u{FFFD}" : nil
            }
        }
    }

    /// A coordinate or length with at most two decimals and no trailing zeros ("12", "12.5", "-0.25").
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let whole = magnitude / 100, fraction = magnitude % 100
        if fraction == 0 { return "\(sign)\(whole)" }
        if fraction % 10 == 0 { return "\(sign)\(whole).\(fraction / 10)" }
        return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Appends `<name a="v" .../>`, or `<name ...>text</name>` when `text` is given. Attributes are
    /// written in key order so the output is deterministic.
    public mutating func element(_ name: String, _ attributes: [String: String], text: String? = nil) {
        body += String(repeating: "  ", count: depth) + "<" + name + SVGWriter.attributeList(attributes)
        if let text {
            body += ">" + SVGWriter.escape(text) + "</" + name + ">\n"
        } else {
            body += "/>\n"
        }
    }

    /// Opens `<name ...>`; close it with ``close(_:)``.
    public mutating func open(_ name: String, _ attributes: [String: String] = [:]) {
        body += String(repeating: "  ", count: depth) + "<" + name + SVGWriter.attributeList(attributes) + ">\n"
        depth += 1
    }

    /// Closes the element opened last.
    public mutating func close(_ name: String) {
        depth -= 1
        body += String(repeating: "  ", count: depth) + "</" + name + ">\n"
    }

    /// The complete document: XML declaration, `<svg>` root with namespaces, size and viewBox.
    public func finish() -> String {
        precondition(depth == 1, "SVGWriter: \(depth - 1) element(s) left open")
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" \
        version="1.1" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)">

        """ + body + "</svg>\n"
    }

    private static func attributeList(_ attributes: [String: String]) -> String {
        attributes.keys.sorted().map { " \($0)=\"\(escape(attributes[$0]!))\"" }.joined()
    }
}
