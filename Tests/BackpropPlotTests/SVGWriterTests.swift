@testable import BackpropPlot
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Parses `svg` with Foundation's XMLParser (an independent XML implementation) and returns the
/// element names in document order, or nil when it is not well-formed.
func parseXML(_ svg: String) -> [String]? {
    final class Collector: NSObject, XMLParserDelegate {
        var names: [String] = []
        var texts: [String] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            names.append(name)
        }
    }
    let parser = XMLParser(data: Data(svg.utf8))
    let collector = Collector()
    parser.delegate = collector
    return parser.parse() ? collector.names : nil
}

/// The text content of every `<text>` element, unescaped by XMLParser.
func svgTexts(_ svg: String) -> [String] {
    final class Collector: NSObject, XMLParserDelegate {
        var texts: [String] = []
        var inText = false
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if name == "text" { inText = true; texts.append("") }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" { inText = false }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { texts[texts.count - 1] += string }
        }
    }
    let parser = XMLParser(data: Data(svg.utf8))
    let collector = Collector()
    parser.delegate = collector
    _ = parser.parse()
    return collector.texts
}

@Suite struct SVGWriterTests {
    @Test func escapesMarkupCharacters() {
        #expect(SVGWriter.escape(#"a<b & "c" > 'd'"#) == "a&lt;b &amp; &quot;c&quot; &gt; &apos;d&apos;")
        #expect(SVGWriter.escape("tab\there") == "tab\there")
        #expect(SVGWriter.escape("bell\u{07}") == "bell\u{FFFD}")
        #expect(SVGWriter.escape("naïve ✓") == "naïve ✓")
    }

    @Test func escapedTextSurvivesAnXMLParser() throws {
        let nasty = #"<script>alert("x & y")</script> ']]> "# + "\u{01}"
        var writer = SVGWriter(width: 10, height: 10)
        writer.element("text", ["x": "1", "y": "2", "data-note": nasty], text: nasty)
        let svg = writer.finish()
        #expect(!svg.contains("<script>"))
        #expect(parseXML(svg) == ["svg", "text"])
        #expect(svgTexts(svg) == [#"<script>alert("x & y")</script> ']]> "# + "\u{FFFD}"])
    }

    @Test func numbersHaveAtMostTwoDecimals() {
        #expect(SVGWriter.number(12) == "12")
        #expect(SVGWriter.number(12.5) == "12.5")
        #expect(SVGWriter.number(-0.254) == "-0.25")
        #expect(SVGWriter.number(3.05) == "3.05")
        #expect(SVGWriter.number(0.001) == "0")
        #expect(SVGWriter.number(.nan) == "0")
    }

    @Test func drawingBecomesTheExpectedElements() throws {
        var drawing = Drawing(width: 100, height: 50)
        drawing.append(.rect(PlotRect(x: 1, y: 2, width: 3, height: 4), fill: PlotColor(hex: 0x123456)))
        drawing.clipped(to: PlotRect(x: 0, y: 0, width: 50, height: 50)) { d in
            d.line(from: PlotPoint(x: 0, y: 0), to: PlotPoint(x: 10, y: 10), color: .black, lineWidth: 2)
            d.append(.circle(center: PlotPoint(x: 5, y: 5), radius: 3, fill: .white, stroke: .black, lineWidth: 1))
        }
        drawing.text("cost & <loss>", at: PlotPoint(x: 50, y: 40), scale: 2, anchor: .middle, rotated: true)
        drawing.append(.image(Image(width: 1, height: 1, channels: 1, samples: [7]), rect: PlotRect(x: 0, y: 0, width: 5, height: 5)))
        let svg = drawing.svg()
        let names = try #require(parseXML(svg))
        #expect(names == ["svg", "rect", "rect", "clipPath", "rect", "g", "polyline", "circle", "text", "image"])
        #expect(svg.contains(##"fill="#123456""##))
        #expect(svg.contains(#"points="0,0 10,10""#))
        #expect(svg.contains(#"font-size="20""#) && svg.contains(#"text-anchor="middle""#))
        #expect(svg.contains(#"transform="rotate(-90 50 40)""#))
        #expect(svg.contains("href=\"data:image/png;base64,iVBORw0KGgo"))  // base64 of the PNG signature
        #expect(svgTexts(svg) == ["cost & <loss>"])
    }

    @Test func base64MatchesRFC4648Vectors() {
        #expect(Base64.encode([]) == "")
        #expect(Base64.encode(Array("f".utf8)) == "Zg==")
        #expect(Base64.encode(Array("fo".utf8)) == "Zm8=")
        #expect(Base64.encode(Array("foo".utf8)) == "Zm9v")
        #expect(Base64.encode(Array("foobar".utf8)) == "Zm9vYmFy")
    }
}
