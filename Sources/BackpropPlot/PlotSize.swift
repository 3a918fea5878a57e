/// The size of a plot: pixels for PNG, user units for SVG, as `--plot-size WIDTHxHEIGHT` gives it.
///
///     PlotSize(parsing: "800x600")   // 800 × 600
///     PlotSize(parsing: "0x600")     // nil: each side is 64...8192
public struct PlotSize: Sendable, Equatable, CustomStringConvertible {
    /// The sides a plot may have: large enough to lay out, small enough never to allocate an
    /// absurd picture (8192 × 8192 RGBA is 256 MiB).
    public static let sides = 64...8192

    /// Width.
    public let width: Int
    /// Height.
    public let height: Int

    /// A size; nil when a side is outside ``sides``.
    public init?(width: Int, height: Int) {
        guard PlotSize.sides.contains(width), PlotSize.sides.contains(height) else { return nil }
        self.width = width
        self.height = height
    }

    /// Parses `WIDTHxHEIGHT` (decimal digits, `x` or `X` between them, no spaces); nil for any
    /// other text or a side outside ``sides``.
    public init?(parsing text: String) {
        let parts = text.split(separator: "x", omittingEmptySubsequences: false).flatMap { $0.split(separator: "X", omittingEmptySubsequences: false) }
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.count <= 6 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let w = Int(parts[0]), let h = Int(parts[1]) else { return nil }
        self.init(width: w, height: h)
    }

    /// `800x600`.
    public var description: String { "\(width)x\(height)" }
}
