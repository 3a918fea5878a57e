@testable import BackpropPlot
import Testing

@Suite struct PlotSizeTests {
    @Test func parsesWidthByHeight() {
        #expect(PlotSize(parsing: "800x600") == PlotSize(width: 800, height: 600))
        #expect(PlotSize(parsing: "1280X960")?.description == "1280x960")
        #expect(PlotSize(parsing: "64x8192") != nil)
    }

    @Test(arguments: ["", "800", "x600", "800x", "800x600x2", "-800x600", "800 x600", "8e2x600", "0x600", "63x600", "8193x600",
                      "99999999999x600", "８００x600"])
    func refusesAnythingElse(text: String) {
        #expect(PlotSize(parsing: text) == nil)
    }

    @Test func chartsAreDrawnAtTheGivenSize() {
        let chart = LineChart(series: [.init(name: "c", y: [1, 2, 3])])
        let canvas = chart.drawing(width: 800, height: 600).rasterized()
        #expect(canvas.width == 800 && canvas.height == 600)
        let boundary = DecisionBoundaryPlot(x: [0, 1], y: [0, 1], labels: [0, 1], resolution: 4) { a, _ in a < 0.5 ? 0 : 1 }
        #expect(boundary.defaultPNGSize == (1120, 960))
    }
}
