@testable import BackpropPlot
import Testing

@Suite struct DecisionBoundaryPlotTests {
    static let x: [Double] = [-2, -1, 1, 2, .nan]
    static let y: [Double] = [0, 1, -1, 0.5, 0]
    static let labels = [0, 0, 1, 1, 0]

    @Test func classifierIsEvaluatedOnTheGrid() {
        nonisolated(unsafe) var calls = 0
        let plot = DecisionBoundaryPlot(x: Self.x, y: Self.y, labels: Self.labels, resolution: 10) { a, _ in
            calls += 1
            return a < 0 ? 0 : 1
        }
        #expect(calls == 100)
        #expect(plot.classMap.count == 100)
        // Row-major, row 0 at the top: the left half is class 0, the right half class 1.
        #expect(Array(plot.classMap[0..<10]) == [0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
        #expect(plot.xDomain.lowerBound < -2 && plot.xDomain.upperBound > 2)  // data plus a margin
    }

    @Test func rowZeroIsTheTopOfThePlot() {
        let plot = DecisionBoundaryPlot(x: Self.x, y: Self.y, labels: Self.labels, resolution: 4) { _, b in b > 0 ? 1 : 0 }
        #expect(Array(plot.classMap[0..<4]) == [1, 1, 1, 1])
        #expect(Array(plot.classMap[12..<16]) == [0, 0, 0, 0])
    }

    @Test func pngShowsRegionsAndPoints() {
        let plot = DecisionBoundaryPlot(x: Self.x, y: Self.y, labels: Self.labels, resolution: 50) { a, _ in a < 0 ? 0 : 1 }
        let canvas = plot.rasterized(width: 400, height: 300)
        func count(_ color: PlotColor) -> Int {
            var n = 0
            for y in 0..<canvas.height { for x in 0..<canvas.width where canvas[x, y] == color { n += 1 } }
            return n
        }
        let left = DecisionBoundaryPlot.regionColor(0), right = DecisionBoundaryPlot.regionColor(1)
        #expect(count(left) > 10_000 && count(right) > 10_000)
        // Two finite points per class; each marker's interior (radius 2.5 px) has several pure pixels.
        #expect(count(PlotColor.categorical(0)) >= 8)
        #expect(count(PlotColor.categorical(1)) >= 8)
    }

    @Test func svgHasBackgroundPointsAndLegend() throws {
        let plot = DecisionBoundaryPlot(title: "Boundary", x: Self.x, y: Self.y, labels: Self.labels,
                                        classNames: ["red", "blue"], resolution: 20) { a, b in a + b < 0 ? 0 : 1 }
        let svg = plot.svg()
        let names = try #require(parseXML(svg))
        #expect(names.filter { $0 == "image" }.count == 1)
        #expect(names.filter { $0 == "circle" }.count == 4 + 2)  // four finite points and two legend markers
        let texts = svgTexts(svg)
        #expect(texts.contains("Boundary") && texts.contains("red") && texts.contains("blue"))
        #expect(texts.contains("x1") && texts.contains("x2"))
    }

    @Test func batchClassifierGetsEveryCellCentre() {
        let plot = DecisionBoundaryPlot(x: [0, 1], y: [0, 1], labels: [0, 1], resolution: 3, margin: 0) { xs, ys in
            #expect(xs.count == 9 && ys.count == 9)
            #expect(abs(xs[0] - 1.0 / 6) < 1e-12 && abs(ys[0] - 5.0 / 6) < 1e-12)
            return xs.map { $0 > 0.5 ? 1 : 0 }
        }
        #expect(plot.classMap == [0, 0, 1, 0, 0, 1, 0, 0, 1])
    }
}
