/// An 8-bit-per-channel sRGB colour with straight (non-premultiplied) alpha.
///
/// Used by every drawing surface: the raster ``Canvas`` blends it "source over" and the
/// SVG backend writes it as `#rrggbb` plus an opacity attribute when `alpha < 255`.
public struct PlotColor: Hashable, Sendable {
    /// Red, 0...255.
    public var red: UInt8
    /// Green, 0...255.
    public var green: UInt8
    /// Blue, 0...255.
    public var blue: UInt8
    /// Opacity, 0 (transparent) ... 255 (opaque).
    public var alpha: UInt8

    /// Creates a colour from its four channels.
    public init(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// Creates an opaque colour from a 24-bit `0xRRGGBB` literal, e.g. `PlotColor(hex: 0x1f77b4)`.
    public init(hex: UInt32, alpha: UInt8 = 255) {
        self.init(red: UInt8((hex >> 16) & 0xff), green: UInt8((hex >> 8) & 0xff), blue: UInt8(hex & 0xff), alpha: alpha)
    }

    /// The same colour with another opacity.
    public func withAlpha(_ alpha: UInt8) -> PlotColor {
        PlotColor(red: red, green: green, blue: blue, alpha: alpha)
    }

    /// Linear interpolation toward `other`: `self + t (other - self)` per channel, `t` in 0...1.
    public func mixed(with other: PlotColor, _ t: Double) -> PlotColor {
        let t = min(max(t, 0), 1)
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + t * (Double(b) - Double(a))).rounded()) }
        return PlotColor(red: mix(red, other.red), green: mix(green, other.green),
                         blue: mix(blue, other.blue), alpha: mix(alpha, other.alpha))
    }

    /// `#rrggbb` (lower-case hex, alpha ignored), as SVG expects.
    public var hexString: String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for channel in [red, green, blue] {
            s.append(digits[Int(channel >> 4)])
            s.append(digits[Int(channel & 0xf)])
        }
        return s
    }

    /// Opaque black.
    public static let black = PlotColor(red: 0, green: 0, blue: 0)
    /// Opaque white.
    public static let white = PlotColor(red: 255, green: 255, blue: 255)
    /// Fully transparent black.
    public static let clear = PlotColor(red: 0, green: 0, blue: 0, alpha: 0)
    /// Dark grey used for axes text.
    public static let darkGray = PlotColor(hex: 0x333333)
    /// Light grey used for grid lines.
    public static let gridGray = PlotColor(hex: 0xdddddd)
    /// Very light grey used for minor grid lines.
    public static let minorGridGray = PlotColor(hex: 0xf0f0f0)

    /// The ten-colour categorical palette (matplotlib's "tab10"), used for series and classes in order.
    public static let palette: [PlotColor] = [
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
        0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
    ].map { PlotColor(hex: $0) }

    /// The `index`-th palette colour, cycling after ten.
    public static func categorical(_ index: Int) -> PlotColor {
        palette[((index % palette.count) + palette.count) % palette.count]
    }
}
