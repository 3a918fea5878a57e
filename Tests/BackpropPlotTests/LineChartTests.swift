@testable import BackpropPlot
import Foundation
import Testing

@Suite struct LineChartTests {
    static let iterations = (0..<25).map { Double($0 * 100) }
    static let costs = iterations.map { 0.09 + 0.6 * exp(-$0 / 500) }

    @Test func costCurveSVGHasTitleLabelsTicksAndOneLine() throws {
        let chart = LineChart.costCurve(iterations: Self.iterations.map { Int($0) }, costs: Self.costs, title: "Learning rate = 0.0075")
        let svg = chart.svg()
        let names = try #require(parseXML(svg))
        #expect(names.filter { $0 == "polyline" }.count > 10)  // grid lines, tick marks and the curve
        let texts = svgTexts(svg)
        #expect(texts.contains("Learning rate = 0.0075"))
        #expect(texts.contains("iterations") && texts.contains("cost"))
        for label in ["0", "500", "2500", "0.0", "0.2", "0.8"] { #expect(texts.contains(label), "tick label \(label)") }
        #expect(!texts.contains("cost") || texts.filter { $0 == "cost" }.count == 1)  // no legend for one series
    }

    @Test func severalSeriesGetALegend() {
        let chart = LineChart(series: [.init(name: "train", x: Self.iterations, y: Self.costs),
                                       .init(name: "test", x: Self.iterations, y: Self.costs.map { $0 + 0.1 })])
        let texts = svgTexts(chart.svg())
        #expect(texts.contains("train") && texts.contains("test"))
        let single = LineChart(series: [.init(name: "train", y: Self.costs)])
        #expect(!svgTexts(single.svg()).contains("train"))
    }

    @Test func logScaleUsesPowersOfTen() {
        let chart = LineChart(series: [.init(name: "cost", x: Self.iterations, y: Self.costs)], logScaleY: true)
        let (_, y) = chart.axes()
        #expect(abs(y.domain.lowerBound - 0.09) < 1e-12 && abs(y.domain.upperBound - 0.7) < 1e-12)  // costs 0.09…0.69
        let texts = svgTexts(chart.svg())
        #expect(texts.contains("0.1") && texts.contains("0.2") && texts.contains("0.5"))
    }

    @Test func nonFiniteAndNonPositiveValuesAreSkipped() {
        let chart = LineChart(series: [.init(name: "s", x: [0, 1, 2, 3, 4, .nan], y: [1, .nan, 3, .infinity, -2, 7])], logScaleY: true)
        let (x, y) = chart.axes()
        #expect(x.domain.lowerBound <= 0 && x.domain.upperBound >= 2 && x.domain.upperBound < 4)  // x = 3, 4 have no usable y
        #expect(y.domain.lowerBound <= 1 && y.domain.upperBound >= 3 && y.domain.upperBound <= 10)
        // The line breaks at the gaps: no polyline joins points across a NaN.
        let drawing = chart.drawing(width: 300, height: 200)
        guard case let .clipped(_, inner) = drawing.items.first(where: { if case .clipped = $0 { true } else { false } })! else { return }
        #expect(inner.allSatisfy { if case let .polyline(points, _, _) = $0 { points.count < 2 } else { true } })
    }

    @Test func emptyAndConstantSeriesStillDraw() {
        for series in [[LineChart.Series](), [.init(name: "c", y: [0.5, 0.5, 0.5])], [.init(name: "one", y: [3])]] {
            let chart = LineChart(title: "t", series: series)
            #expect(parseXML(chart.svg()) != nil)
            #expect(chart.png(width: 200, height: 150).count > 100)
        }
    }

    @Test func pngShowsTheCurveAndTitle() throws {
        let chart = LineChart(title: "T", series: [.init(name: "c", x: [0, 1], y: [0, 1], color: PlotColor(hex: 0xff0000))])
        let canvas = chart.rasterized(width: 300, height: 200)
        var red = 0, dark = 0
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                let c = canvas[x, y]
                if c.red > 200 && c.green < 60 && c.blue < 60 { red += 1 }
                if y < 30 && c.red < 160 && c.green < 160 { dark += 1 }  // the title at the top (anti-aliased)
            }
        }
        #expect(red > 100)
        #expect(dark > 10)
        let decoded = try DecodedPNG(chart.png(width: 300, height: 200))
        #expect(decoded.width == 300 && decoded.height == 200)
        #expect(decoded.pixels == canvas.image().uint8Samples)
    }

    @Test func writeChoosesTheFormatByExtension() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let chart = LineChart(series: [.init(name: "c", y: Self.costs)])
        let svgPath = folder.appendingPathComponent("c.SVG").path, pngPath = folder.appendingPathComponent("c.png").path
        try chart.write(to: svgPath)
        try chart.write(to: pngPath, width: 320, height: 240)
        #expect(try String(contentsOfFile: svgPath, encoding: .utf8).hasPrefix("<?xml"))
        #expect(try DecodedPNG(Array(Data(contentsOf: URL(fileURLWithPath: pngPath)))).width == 320)
        let bad = folder.appendingPathComponent("c.jpg").path
        #expect(throws: PlotError.unsupportedExtension(path: bad, found: "jpg")) { try chart.write(to: bad) }
        #expect(throws: PlotError.self) { try chart.write(to: folder.appendingPathComponent("noext").path) }
        #expect(!FileManager.default.fileExists(atPath: bad))
    }

    @Test func pngDefaultsToTwiceTheSizeWithEverythingScaled() throws {
        let chart = LineChart.costCurve(iterations: Self.iterations.map { Int($0) }, costs: Self.costs, title: "T")
        #expect(chart.defaultPNGSize == (1280, 960))
        let decoded = try DecodedPNG(chart.png())
        #expect(decoded.width == 1280 && decoded.height == 960)
        // The same chart, twice as large: every text twice the scale, every point twice as far.
        func texts(_ d: Drawing) -> [(String, PlotPoint, Double)] {
            d.items.compactMap { if case let .text(s, origin, scale, _, _, _) = $0 { (s, origin, scale) } else { nil } }
        }
        let small = texts(chart.drawing(width: 640, height: 480)), large = texts(chart.drawing(width: 1280, height: 960))
        #expect(small.count == large.count && !small.isEmpty)
        for (a, b) in zip(small, large) {
            #expect(a.0 == b.0 && b.2 == 2 * a.2)
            #expect(abs(b.1.x - 2 * a.1.x) <= 2 && abs(b.1.y - 2 * a.1.y) <= 2, "\(a.0): \(a.1) → \(b.1)")
        }
    }

    @Test func logAxisIsFittedToTheDataNotToWholeDecades() {
        let chart = LineChart(series: [.init(name: "cost", y: [1.2, 0.5, 0.1, 0.03, 0.012])], logScaleY: true)
        let (_, y) = chart.axes()
        #expect(abs(y.domain.lowerBound - 0.01) < 1e-15 && abs(y.domain.upperBound - 2) < 1e-12, "\(y.domain)")  // not 0.01…10
        #expect(y.ticks.allSatisfy { y.domain.contains($0.value) })
        #expect(y.ticks.filter { !$0.label.isEmpty }.count >= 4)
    }
}
