@testable import BackpropPlot
import Testing

@Suite struct CanvasTests {
    /// Pixels that differ from white.
    static func inked(_ canvas: Canvas) -> Set<[Int]> {
        var set: Set<[Int]> = []
        for y in 0..<canvas.height { for x in 0..<canvas.width where canvas[x, y] != .white { set.insert([x, y]) } }
        return set
    }

    @Test func pixelAlignedRectangleFillsExactlyItsPixels() {
        var canvas = Canvas(width: 10, height: 8)
        canvas.fill(PlotRect(x: 2, y: 3, width: 4, height: 2), color: .black)
        var expected: Set<[Int]> = []
        for y in 3..<5 { for x in 2..<6 { expected.insert([x, y]) } }
        #expect(Self.inked(canvas) == expected)
        #expect(canvas[2, 3] == .black)
    }

    @Test func halfCoveredPixelsGetHalfTheColour() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.fill(PlotRect(x: 0.5, y: 0, width: 2, height: 1), color: .black)
        // Pixels 0 and 2 are half covered: 255 * (1 - 0.5) = 127.5, rounded to 128; pixel 1 fully.
        #expect(canvas[0, 0] == PlotColor(red: 128, green: 128, blue: 128))
        #expect(canvas[1, 0] == .black)
        #expect(canvas[2, 0] == PlotColor(red: 128, green: 128, blue: 128))
        #expect(canvas[3, 0] == .white)
    }

    @Test func clipRectLimitsDrawing() {
        var canvas = Canvas(width: 10, height: 10)
        canvas.withClip(PlotRect(x: 0, y: 0, width: 5, height: 10)) { c in
            c.fill(PlotRect(x: 0, y: 0, width: 10, height: 10), color: .black)
            c.strokeLine(from: PlotPoint(x: 0, y: 7.5), to: PlotPoint(x: 10, y: 7.5), color: .black)
        }
        #expect(Self.inked(canvas).allSatisfy { $0[0] < 5 })
        #expect(Self.inked(canvas).count == 50)
        #expect(canvas.clipRect == PlotRect(x: 0, y: 0, width: 10, height: 10))  // restored
    }

    @Test func onePixelLineThroughPixelCentresIsOneRow() {
        var canvas = Canvas(width: 20, height: 10)
        canvas.strokeLine(from: PlotPoint(x: 2.5, y: 4.5), to: PlotPoint(x: 15.5, y: 4.5), color: .black, lineWidth: 1)
        let inked = Self.inked(canvas)
        #expect(inked.allSatisfy { $0[1] == 4 })
        for x in 2...15 { #expect(canvas[x, 4] == .black) }
        // Round caps reach half a pixel past the ends: pixels 1 and 16 stay essentially white.
        #expect(canvas[1, 4].red >= 250 && canvas[16, 4].red >= 250)
    }

    @Test func diagonalLineIsAntiAliasedAndSymmetric() {
        var canvas = Canvas(width: 12, height: 12)
        canvas.strokeLine(from: PlotPoint(x: 1, y: 1), to: PlotPoint(x: 11, y: 11), color: .black, lineWidth: 2)
        for i in 1..<11 { #expect(canvas[i, i] == .black) }  // on the line
        for i in 2..<10 { #expect(canvas[i + 1, i] == canvas[i, i + 1]) }  // mirror symmetry
        #expect(canvas[9, 2] == .white)  // far from the line
        let grey = (0..<12).flatMap { y in (0..<12).map { x in canvas[x, y] } }.filter { $0 != .white && $0 != .black }
        #expect(!grey.isEmpty)  // edge pixels are blended
    }

    @Test func polylineJointsAreNotDoubleBlended() {
        // A translucent polyline: its vertex pixel must get the same colour as a mid-segment pixel.
        var canvas = Canvas(width: 20, height: 20)
        let half = PlotColor.black.withAlpha(128)
        canvas.strokePolyline([PlotPoint(x: 2.5, y: 10.5), PlotPoint(x: 10.5, y: 10.5), PlotPoint(x: 10.5, y: 2.5)], color: half, lineWidth: 1)
        #expect(canvas[10, 10] == canvas[6, 10])
        #expect(canvas[6, 10] == PlotColor(red: 127, green: 127, blue: 127))
    }

    @Test func filledCircleCoversItsDisc() {
        var canvas = Canvas(width: 21, height: 21)
        canvas.fillCircle(center: PlotPoint(x: 10.5, y: 10.5), radius: 5, color: .black)
        #expect(canvas[10, 10] == .black)
        #expect(canvas[10, 6] == .black)  // 4 px above the centre
        #expect(canvas[10, 4] == .white)  // 6 px above
        #expect(canvas[14, 14] == .white) // distance 5.66
        let count = Self.inked(canvas).count
        #expect(abs(Double(count) - Double.pi * 25) < 20)  // about the disc's area (plus an anti-aliased rim)
    }

    @Test func strokedCircleIsARing() {
        var canvas = Canvas(width: 21, height: 21)
        canvas.strokeCircle(center: PlotPoint(x: 10.5, y: 10.5), radius: 6, color: .black, lineWidth: 1)
        #expect(canvas[10, 10] == .white)
        #expect(canvas[10, 4].red < 100)  // on the ring, 6 px above the centre
    }

    @Test func imagesScaleByNearestNeighbour() {
        let image = Image(width: 2, height: 1, channels: 3, samples: [255, 0, 0, 0, 0, 255])
        var canvas = Canvas(width: 8, height: 4)
        canvas.draw(image, in: PlotRect(x: 2, y: 1, width: 4, height: 2))
        for y in 1..<3 {
            for x in 2..<4 { #expect(canvas[x, y] == PlotColor(red: 255, green: 0, blue: 0)) }
            for x in 4..<6 { #expect(canvas[x, y] == PlotColor(red: 0, green: 0, blue: 255)) }
        }
        #expect(Self.inked(canvas).count == 8)
    }

    @Test func imageIsRGBWhenOpaqueAndRGBAOtherwise() {
        #expect(Canvas(width: 3, height: 2).image().channels == 3)
        #expect(Canvas(width: 3, height: 2, background: .clear).image().channels == 4)
        var canvas = Canvas(width: 1, height: 1, background: .clear)
        canvas.fill(PlotRect(x: 0, y: 0, width: 1, height: 1), color: PlotColor(red: 255, green: 0, blue: 0, alpha: 128))
        #expect(canvas[0, 0] == PlotColor(red: 255, green: 0, blue: 0, alpha: 128))  // straight alpha over clear
    }
}
