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

    @Test func glyphsAreTracedAsStrokesBetweenNeighbouringInk() {
        // "I": a bar of 3 on top and bottom, a stem of 7: 2 + 2 + 6 joins, no dots.
        let strokes = BitmapFont.strokes(for: "I")
        #expect(strokes.count == 10)
        #expect(strokes.contains(BitmapFont.Stroke(from: PlotPoint(x: 2.5, y: 0.5), to: PlotPoint(x: 2.5, y: 1.5))))
        // "/": a diagonal, one slanted stroke per step.
        #expect(BitmapFont.strokes(for: "/").allSatisfy { abs($0.to.x - $0.from.x) == 1 && $0.to.y - $0.from.y == 1 })
        // A square corner is not cut: "L" has no diagonal stroke.
        #expect(BitmapFont.strokes(for: "L").allSatisfy { $0.from.x == $0.to.x || $0.from.y == $0.to.y })
        for scalar in Self.printable where scalar != " " { #expect(!BitmapFont.strokes(for: scalar).isEmpty, "'\(scalar)'") }
    }

    @Test(arguments: [1.0, 2.0, 2.5, 4.0])
    func drawTextIsAntialiasedAndSitsOnTheBaseline(scale: Double) {
        var canvas = Canvas(width: 120, height: 60)
        canvas.drawText("Cost", at: PlotPoint(x: 5, y: 45), scale: scale, color: .black)
        var grey = 0, ink = 0, top = 60, bottom = 0
        for y in 0..<60 {
            for x in 0..<120 where canvas[x, y] != .white {
                let v = canvas[x, y].red
                if v > 20 && v < 235 { grey += 1 }
                if v < 128 { ink += 1 }
                top = min(top, y)
                bottom = max(bottom, y)
            }
        }
        #expect(grey > 8, "anti-aliased edges: intermediate grey levels")
        #expect(ink > Int(10 * scale * scale), "the glyphs have solid strokes")
        #expect(Double(top) >= 45 - 7 * scale - 1 && Double(bottom) <= 45, "between the cap line and the baseline")
        #expect(Double(45 - top) >= 6 * scale, "capitals reach the cap height")
    }

    @Test func anchorsAndRotation() {
        var start = Canvas(width: 60, height: 30), end = Canvas(width: 60, height: 30)
        start.drawText("AB", at: PlotPoint(x: 10, y: 20), color: .black, anchor: .start)
        end.drawText("AB", at: PlotPoint(x: 21, y: 20), color: .black, anchor: .end)  // width 11
        #expect(start.pixels == end.pixels)

        var rotated = Canvas(width: 40, height: 40)
        rotated.drawText("L", at: PlotPoint(x: 20, y: 30), scale: 2, color: .black, rotated: true)
        // Unrotated, the strokes of "L" at scale 2 run through u 1...9, v -13...-1 (±0.8 of stroke);
        // rotated, x = 20 + v, y = 30 - u.
        var xs: [Int] = [], ys: [Int] = []
        for y in 0..<40 { for x in 0..<40 where rotated[x, y].red < 128 { xs.append(x); ys.append(y) } }
        #expect((5...8).contains(xs.min()!) && (17...20).contains(xs.max()!), "\(xs.min()!)...\(xs.max()!)")
        #expect((19...22).contains(ys.min()!) && (27...30).contains(ys.max()!), "\(ys.min()!)...\(ys.max()!)")
    }
}
