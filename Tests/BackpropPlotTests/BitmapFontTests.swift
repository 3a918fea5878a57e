@testable import BackpropPlot
import Testing

@Suite struct BitmapFontTests {
    static let printable = (32...126).map { Unicode.Scalar(UInt8($0)) }

    @Test func everyPrintableGlyphHasInkAndFitsItsCell() {
        for scalar in Self.printable {
            let glyph = BitmapFont.glyph(for: scalar)
            #expect(glyph.count == BitmapFont.ascent + BitmapFont.descent)
            #expect(glyph.allSatisfy { $0 < 32 }, "glyph \(scalar) wider than 5 columns")
            if scalar != " " { #expect(glyph.contains { $0 != 0 }, "glyph '\(scalar)' is empty") }
        }
        #expect(BitmapFont.glyph(for: " ").allSatisfy { $0 == 0 })
    }

    @Test func glyphsAreDistinct() {
        let glyphs = Self.printable.map { BitmapFont.glyph(for: $0) }
        #expect(Set(glyphs).count == glyphs.count)
    }

    @Test func onlyDescendersGoBelowTheBaseline() {
        let descending = Set(",;_gjpqy".unicodeScalars)
        for scalar in Self.printable {
            let below = BitmapFont.glyph(for: scalar)[BitmapFont.ascent...].contains { $0 != 0 }
            #expect(below == descending.contains(scalar), "'\(scalar)'")
        }
    }

    @Test func letterIMatchesItsPicture() {
        // ".###. ..#.. ..#.. ..#.. ..#.. ..#.. .###."
        #expect(BitmapFont.glyph(for: "I") == [0b01110, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110, 0, 0])
        #expect(BitmapFont.isInk("I", column: 1, row: 0))
        #expect(!BitmapFont.isInk("I", column: 0, row: 0))
        #expect(!BitmapFont.isInk("I", column: 9, row: 0))
    }

    @Test func unknownCharactersDrawABox() {
        #expect(BitmapFont.glyph(for: "é") == BitmapFont.missingGlyph)
        #expect(BitmapFont.glyph(for: "\u{7f}") == BitmapFont.missingGlyph)
    }

    @Test func widthCountsAdvancesMinusTheLastGap() {
        #expect(BitmapFont.width(of: "") == 0)
        #expect(BitmapFont.width(of: "a") == 5)
        #expect(BitmapFont.width(of: "abc") == 17)
        #expect(BitmapFont.width(of: "abc", scale: 3) == 51)
    }

    @Test(arguments: [1, 2, 3])
    func drawTextPaintsTheGlyphPixelsScaled(scale: Int) {
        var canvas = Canvas(width: 40, height: 40)
        canvas.drawText("T", at: PlotPoint(x: 5, y: 30), scale: scale, color: .black)
        // "T": 5 ink pixels in the top row and 6 in the stem = 11 pixels, each scale² on the canvas.
        let inked = (0..<40).flatMap { y in (0..<40).map { x in canvas[x, y] } }.filter { $0 == .black }.count
        #expect(inked == 11 * scale * scale)
        #expect(canvas[5, 30 - 7 * scale] == .black)       // top-left of the bar
        #expect(canvas[5, 30 - 7 * scale - 1] == .white)   // nothing above the cap height
        #expect(canvas[5 + 2 * scale, 29] == .black)       // the stem reaches the baseline row
    }

    @Test func anchorsAndRotation() {
        var start = Canvas(width: 60, height: 30), end = Canvas(width: 60, height: 30)
        start.drawText("AB", at: PlotPoint(x: 10, y: 20), color: .black, anchor: .start)
        end.drawText("AB", at: PlotPoint(x: 21, y: 20), color: .black, anchor: .end)  // width 11
        #expect(start.pixels == end.pixels)

        var rotated = Canvas(width: 30, height: 30)
        rotated.drawText("L", at: PlotPoint(x: 10, y: 20), color: .black, rotated: true)
        // Unrotated "L" occupies u 0...4, v -7...-1; rotated, x = 10 + v, y = 20 - u.
        var xs: [Int] = [], ys: [Int] = []
        for y in 0..<30 { for x in 0..<30 where rotated[x, y] == .black { xs.append(x); ys.append(y) } }
        #expect(xs.min() == 3 && xs.max() == 9)
        #expect(ys.min() == 16 && ys.max() == 20)
    }
}
