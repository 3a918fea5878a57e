/// A built-in 5×7 pixel font for printable ASCII (32...126), drawn by hand for this module.
///
/// Every glyph sits in a 6-pixel-wide cell (5 columns of ink and 1 of spacing). Rows 0...6 lie on
/// and above the baseline (capitals are 7 rows tall, lower case 5), rows 7...8 are descenders
/// (g, j, p, q, y, comma, semicolon, underscore). Characters outside 32...126 draw as a hollow box.
/// Text is drawn from the glyphs traced as strokes (``strokes(for:)``) at any scale `s` (font
/// pixels become `s` canvas pixels), anti-aliased.
///
/// The metrics match a monospace SVG font at `font-size = 10 s` (advance ≈ 0.6 em, cap height
/// ≈ 0.7 em), which lets one chart layout serve both the PNG and the SVG backend.
public enum BitmapFont {
    /// Columns of ink per glyph.
    public static let glyphWidth = 5
    /// Horizontal distance between consecutive glyph origins, at scale 1.
    public static let advance = 6
    /// Rows above the baseline (the cap height), at scale 1.
    public static let ascent = 7
    /// Rows below the baseline, at scale 1.
    public static let descent = 2
    /// Distance between baselines of consecutive lines, at scale 1.
    public static let lineHeight = 11
    /// The SVG `font-size` whose monospace metrics match this font at `scale`.
    public static func svgFontSize(scale: Double) -> Double { 10 * scale }

    /// Width in pixels of `text` drawn at `scale`: `advance × count − 1` columns, times `scale`
    /// (zero for the empty string).
    public static func width(of text: String, scale: Double = 1) -> Double {
        let n = text.unicodeScalars.count
        return n == 0 ? 0 : Double(advance * n - 1) * scale
    }

    /// The glyph for `scalar` as `ascent + descent` rows of 5-bit masks; bit 4 is the leftmost column.
    public static func glyph(for scalar: Unicode.Scalar) -> [UInt8] {
        let v = Int(scalar.value)
        if v >= 32 && v <= 126 { return glyphs[v - 32] }
        return missingGlyph
    }

    /// Whether the pixel in column `column` (0...4) and row `row` (0...8) of `scalar`'s glyph is ink.
    public static func isInk(_ scalar: Unicode.Scalar, column: Int, row: Int) -> Bool {
        guard column >= 0 && column < glyphWidth && row >= 0 && row < ascent + descent else { return false }
        return glyph(for: scalar)[row] & (1 << (glyphWidth - 1 - column)) != 0
    }

    static let missingGlyph: [UInt8] = parse("##### #...# #...# #...# #...# #...# #####")

    /// Glyphs for 32...126: rows separated by spaces, '#' is ink; 7 rows, or 9 with descenders.
    static let glyphs: [[UInt8]] = [
        "..... ..... ..... ..... ..... ..... .....",  // space
        "..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..",  // !
        ".#.#. .#.#. .#.#. ..... ..... ..... .....",  // "
        ".#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.",  // #
        "..#.. .#### #.#.. .###. ..#.# ####. ..#..",  // $
        "##... ##..# ...#. ..#.. .#... #..## ...##",  // %
        ".##.. #..#. #.#.. .#... #.#.# #..#. .##.#",  // &
        "..#.. ..#.. .#... ..... ..... ..... .....",  // '
        "...#. ..#.. .#... .#... .#... ..#.. ...#.",  // (
        ".#... ..#.. ...#. ...#. ...#. ..#.. .#...",  // )
        "..... ..#.. #.#.# .###. #.#.# ..#.. .....",  // *
        "..... ..#.. ..#.. ##### ..#.. ..#.. .....",  // +
        "..... ..... ..... ..... ..... .##.. .##.. ..#.. .#...",  // ,
        "..... ..... ..... ##### ..... ..... .....",  // -
        "..... ..... ..... ..... ..... .##.. .##..",  // .
        "..... ....# ...#. ..#.. .#... #.... .....",  // /
        ".###. #...# #..## #.#.# ##..# #...# .###.",  // 0
        "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.",  // 1
        ".###. #...# ....# ...#. ..#.. .#... #####",  // 2
        "##### ...#. ..#.. ...#. ....# #...# .###.",  // 3
        "...#. ..##. .#.#. #..#. ##### ...#. ...#.",  // 4
        "##### #.... ####. ....# ....# #...# .###.",  // 5
        "..##. .#... #.... ####. #...# #...# .###.",  // 6
        "##### ....# ...#. ..#.. .#... .#... .#...",  // 7
        ".###. #...# #...# .###. #...# #...# .###.",  // 8
        ".###. #...# #...# .#### ....# ...#. .##..",  // 9
        "..... .##.. .##.. ..... .##.. .##.. .....",  // :
        "..... .##.. .##.. ..... .##.. .##.. ..#.. .#... .....",  // ;
        "...#. ..#.. .#... #.... .#... ..#.. ...#.",  // <
        "..... ..... ##### ..... ##### ..... .....",  // =
        ".#... ..#.. ...#. ....# ...#. ..#.. .#...",  // >
        ".###. #...# ....# ...#. ..#.. ..... ..#..",  // ?
        ".###. #...# ....# .##.# #.#.# #.#.# .###.",  // @
        ".###. #...# #...# ##### #...# #...# #...#",  // A
        "####. #...# #...# ####. #...# #...# ####.",  // B
        ".###. #...# #.... #.... #.... #...# .###.",  // C
        "###.. #..#. #...# #...# #...# #..#. ###..",  // D
        "##### #.... #.... ####. #.... #.... #####",  // E
        "##### #.... #.... ####. #.... #.... #....",  // F
        ".###. #...# #.... #.### #...# #...# .####",  // G
        "#...# #...# #...# ##### #...# #...# #...#",  // H
        ".###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.",  // I
        "..### ...#. ...#. ...#. ...#. #..#. .##..",  // J
        "#...# #..#. #.#.. ##... #.#.. #..#. #...#",  // K
        "#.... #.... #.... #.... #.... #.... #####",  // L
        "#...# ##.## #.#.# #.#.# #...# #...# #...#",  // M
        "#...# #...# ##..# #.#.# #..## #...# #...#",  // N
        ".###. #...# #...# #...# #...# #...# .###.",  // O
        "####. #...# #...# ####. #.... #.... #....",  // P
        ".###. #...# #...# #...# #.#.# #..#. .##.#",  // Q
        "####. #...# #...# ####. #.#.. #..#. #...#",  // R
        ".#### #.... #.... .###. ....# ....# ####.",  // S
        "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",  // T
        "#...# #...# #...# #...# #...# #...# .###.",  // U
        "#...# #...# #...# #...# #...# .#.#. ..#..",  // V
        "#...# #...# #...# #.#.# #.#.# #.#.# .#.#.",  // W
        "#...# #...# .#.#. ..#.. .#.#. #...# #...#",  // X
        "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..",  // Y
        "##### ....# ...#. ..#.. .#... #.... #####",  // Z
        ".###. .#... .#... .#... .#... .#... .###.",  // [
        "..... #.... .#... ..#.. ...#. ....# .....",  // backslash
        ".###. ...#. ...#. ...#. ...#. ...#. .###.",  // ]
        "..#.. .#.#. #...# ..... ..... ..... .....",  // ^
        "..... ..... ..... ..... ..... ..... ..... ##### .....",  // _
        ".#... ..#.. ...#. ..... ..... ..... .....",  // `
        "..... ..... .###. ....# .#### #...# .####",  // a
        "#.... #.... #.##. ##..# #...# #...# ####.",  // b
        "..... ..... .###. #.... #.... #...# .###.",  // c
        "....# ....# .##.# #..## #...# #...# .####",  // d
        "..... ..... .###. #...# ##### #.... .###.",  // e
        "..##. .#..# .#... ###.. .#... .#... .#...",  // f
        "..... ..... .#### #...# #...# #...# .#### ....# .###.",  // g
        "#.... #.... #.##. ##..# #...# #...# #...#",  // h
        "..#.. ..... .##.. ..#.. ..#.. ..#.. .###.",  // i
        "...#. ..... ..##. ...#. ...#. ...#. ...#. #..#. .##..",  // j
        "#.... #.... #..#. #.#.. ##... #.#.. #..#.",  // k
        ".##.. ..#.. ..#.. ..#.. ..#.. ..#.. .###.",  // l
        "..... ..... ##.#. #.#.# #.#.# #.#.# #.#.#",  // m
        "..... ..... #.##. ##..# #...# #...# #...#",  // n
        "..... ..... .###. #...# #...# #...# .###.",  // o
        "..... ..... ####. #...# #...# #...# ####. #.... #....",  // p
        "..... ..... .#### #...# #...# #...# .#### ....# ....#",  // q
        "..... ..... #.##. ##..# #.... #.... #....",  // r
        "..... ..... .###. #.... .###. ....# ####.",  // s
        ".#... .#... ###.. .#... .#... .#..# ..##.",  // t
        "..... ..... #...# #...# #...# #..## .##.#",  // u
        "..... ..... #...# #...# #...# .#.#. ..#..",  // v
        "..... ..... #...# #...# #.#.# #.#.# .#.#.",  // w
        "..... ..... #...# .#.#. ..#.. .#.#. #...#",  // x
        "..... ..... #...# #...# #...# #...# .#### ....# .###.",  // y
        "..... ..... ##### ...#. ..#.. .#... #####",  // z
        "...#. ..#.. ..#.. .#... ..#.. ..#.. ...#.",  // {
        "..#.. ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",  // |
        ".#... ..#.. ..#.. ...#. ..#.. ..#.. .#...",  // }
        "..... ..... .#... #.#.# ...#. ..... .....",  // ~
    ].map(parse)

    /// Parses "..#.. .#.#. ..." into 9 row masks (rows beyond those given are empty).
    static func parse(_ picture: String) -> [UInt8] {
        var rows = picture.split(separator: " ").map { row -> UInt8 in
            precondition(row.count == glyphWidth, "BitmapFont: bad glyph row '\(row)'")
            return row.reduce(UInt8(0)) { ($0 << 1) | ($1 == "#" ? 1 : 0) }
        }
        precondition(rows.count == ascent || rows.count == ascent + descent, "BitmapFont: glyph needs 7 or 9 rows")
        while rows.count < ascent + descent { rows.append(0) }
        return rows
    }
}
