@testable import BackpropPlot
import Testing

@Suite struct LegendTests {
    static let plot = PlotRect(x: 0, y: 0, width: 400, height: 300)
    static let size = (width: 100.0, height: 50.0)

    /// A block of points filling `rect`, 5 apart.
    static func cloud(_ rect: PlotRect) -> [PlotPoint] {
        stride(from: rect.x, through: rect.maxX, by: 5).flatMap { x in
            stride(from: rect.y, through: rect.maxY, by: 5).map { PlotPoint(x: x, y: $0) }
        }
    }

    @Test func theDefaultUpperRightCornerWhenItIsFree() {
        let placed = Legend.placement(size: Self.size, in: Self.plot, margin: 10, avoiding: Self.cloud(PlotRect(x: 0, y: 200, width: 100, height: 100)),
                                      pointRadius: 2)
        #expect(placed.hidden == 0 && placed.box.x == 290 && placed.box.y == 10)
    }

    @Test func pointsInTheUpperRightCornerMoveTheLegend() {
        let points = Self.cloud(PlotRect(x: 250, y: 0, width: 150, height: 100))
        let placed = Legend.placement(size: Self.size, in: Self.plot, margin: 10, avoiding: points, pointRadius: 2)
        #expect(placed.hidden == 0)
        #expect(placed.box.x == 10 && placed.box.y == 10)  // the next corner in order: upper left
    }

    @Test func withPointsInEveryCornerAnEdgeMiddleIsChosen() {
        let corners = [PlotRect(x: 0, y: 0, width: 130, height: 80), PlotRect(x: 270, y: 0, width: 130, height: 80),
                       PlotRect(x: 0, y: 220, width: 130, height: 80), PlotRect(x: 270, y: 220, width: 130, height: 80)]
        let placed = Legend.placement(size: Self.size, in: Self.plot, margin: 10, avoiding: corners.flatMap(Self.cloud), pointRadius: 2)
        #expect(placed.hidden == 0)
        #expect(placed.box.x == 150 && placed.box.y == 10)  // the top edge's middle
    }

    @Test func theFewestArePickedWhenNoPlaceIsFree() {
        var points = Self.cloud(Self.plot)
        points += Self.cloud(PlotRect(x: 290, y: 10, width: 100, height: 50))  // the upper right twice as dense
        let placed = Legend.placement(size: Self.size, in: Self.plot, margin: 10, avoiding: points, pointRadius: 0)
        #expect(placed.hidden > 0)
        #expect(!(placed.box.x == 290 && placed.box.y == 10))
    }

    @Test func aBoundaryPlotWithNoFreePlaceMovesTheLegendBesideThePlot() {
        // Points everywhere: every place inside would hide some.
        let xs = (0..<900).map { Double($0 % 30) / 29 }, ys = (0..<900).map { Double($0 / 30) / 29 }
        let plot = DecisionBoundaryPlot(x: xs, y: ys, labels: xs.map { $0 < 0.5 ? 0 : 1 }, classNames: ["left", "right"], resolution: 10) { a, _ in
            a < 0.5 ? 0 : 1
        }
        let drawing = plot.drawing(width: 560, height: 480)
        let image = drawing.items.compactMap { if case let .image(_, r) = $0 { r } else { nil } }.first!
        let legendBox = drawing.items.compactMap { if case let .strokedRect(r, _, _) = $0, r != image { r } else { nil } }.last!
        #expect(legendBox.x > image.maxX, "legend \(legendBox) right of the plot \(image)")
        // With a free corner it stays inside.
        let sparse = DecisionBoundaryPlot(x: [0, 0.1, 1], y: [0, 0.1, 1], labels: [0, 0, 1], classNames: ["a", "b"], resolution: 10) { a, _ in
            a < 0.5 ? 0 : 1
        }
        let inside = sparse.drawing(width: 560, height: 480)
        let area = inside.items.compactMap { if case let .image(_, r) = $0 { r } else { nil } }.first!
        let box = inside.items.compactMap { if case let .strokedRect(r, _, _) = $0, r != area { r } else { nil } }.last!
        #expect(box.maxX < area.maxX)
    }
}
