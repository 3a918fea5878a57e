@testable import BackpropPlot
import Testing

@Suite struct ImageGridTests {
    static func solid(_ color: PlotColor) -> Image {
        Image(width: 64, height: 64, channels: 3, samples: Array((0..<(64 * 64)).map { _ in [color.red, color.green, color.blue] }.joined()))
    }

    @Test func thumbnailsAppearWithCaptions() throws {
        let colors = [PlotColor(hex: 0xff0000), PlotColor(hex: 0x00ff00), PlotColor(hex: 0x0000ff)]
        let grid = ImageGrid(title: "Mislabeled", cells: colors.map { .init(image: Self.solid($0), caption: "pred: cat\ntrue: non-cat") }, columns: 3)
        let canvas = grid.rasterized()
        for color in colors {
            var count = 0
            for y in 0..<canvas.height { for x in 0..<canvas.width where canvas[x, y] == color { count += 1 } }
            #expect(count == 128 * 128, "a 64×64 image drawn at 2× by default")
        }
        let svg = grid.svg()
        #expect(parseXML(svg)?.filter { $0 == "image" }.count == 3)
        #expect(svgTexts(svg).filter { $0 == "pred: cat" }.count == 3)
        #expect(svgTexts(svg).contains("Mislabeled"))
    }

    @Test func layoutWrapsRows() {
        let grid = ImageGrid(cells: (0..<7).map { _ in .init(image: Self.solid(.black)) }, columns: 3)
        #expect(grid.rows == 3)
        #expect(grid.defaultHeight > grid.defaultWidth)
        let drawing = grid.drawing(width: 300, height: 300)
        let rects = drawing.items.compactMap { if case let .image(_, r) = $0 { r } else { nil } }
        #expect(rects.count == 7)
        #expect(Set(rects.map(\.y)).count == 3 && Set(rects.map(\.x)).count == 3)
        #expect(rects.allSatisfy { $0.maxX <= 300 && $0.maxY <= 300 && $0.width == $0.height })
    }

    @Test func mislabeledPicksTheMistakes() {
        let images = (0..<5).map { Self.solid(PlotColor(red: UInt8($0 * 40), green: 0, blue: 0)) }
        let grid = ImageGrid.mislabeled(images: images, predicted: [1, 0, 1, 1, 0], actual: [1, 1, 0, 1, 0], classNames: ["non-cat", "cat"])
        #expect(grid.cells.count == 2)
        #expect(grid.cells.map(\.caption) == ["pred: non-cat\ntrue: cat", "pred: cat\ntrue: non-cat"])
        #expect(grid.cells[0].image == images[1])
    }
}
