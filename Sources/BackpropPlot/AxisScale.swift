import Foundation

/// How data values map to positions along an axis.
public enum AxisScale: Sendable, Equatable {
    /// Position proportional to the value.
    case linear
    /// Position proportional to `log10(value)`; non-positive values are not drawn.
    case log10

    /// Whether `value` can be drawn on this scale (finite, and positive for `.log10`).
    public func accepts(_ value: Double) -> Bool {
        switch self {
        case .linear: value.isFinite
        case .log10: value.isFinite && value > 0
        }
    }

    /// The value in the scale's linear space: itself, or its base-10 logarithm.
    public func transform(_ value: Double) -> Double {
        switch self {
        case .linear: value
        case .log10: Foundation.log10(value)
        }
    }
}

/// A mapping from data values to pixel positions along one axis.
///
/// `position(v) = pixelStart + (T(v) − T(lo)) / (T(hi) − T(lo)) · (pixelEnd − pixelStart)`, where T is
/// the scale's transform and `lo...hi` the domain. For a y axis, `pixelStart` is the bottom.
public struct AxisMapping: Sendable, Equatable {
    /// The data interval shown (positive for log scale).
    public var domain: ClosedRange<Double>
    /// Linear or logarithmic.
    public var scale: AxisScale
    /// Pixel position of `domain.lowerBound`.
    public var pixelStart: Double
    /// Pixel position of `domain.upperBound`.
    public var pixelEnd: Double

    /// Creates a mapping.
    public init(domain: ClosedRange<Double>, scale: AxisScale, pixelStart: Double, pixelEnd: Double) {
        self.domain = domain
        self.scale = scale
        self.pixelStart = pixelStart
        self.pixelEnd = pixelEnd
    }

    /// The pixel position of `value`, or nil when the scale cannot show it (NaN, ±inf, ≤ 0 on log).
    public func position(_ value: Double) -> Double? {
        guard scale.accepts(value) else { return nil }
        let t0 = scale.transform(domain.lowerBound), t1 = scale.transform(domain.upperBound)
        let span = t1 - t0
        let f = span > 0 && span.isFinite ? (scale.transform(value) - t0) / span : 0.5
        return pixelStart + f * (pixelEnd - pixelStart)
    }

    /// The data value at pixel position `pixel` (the inverse of ``position(_:)``).
    public func value(at pixel: Double) -> Double {
        let t0 = scale.transform(domain.lowerBound), t1 = scale.transform(domain.upperBound)
        let f = pixelEnd != pixelStart ? (pixel - pixelStart) / (pixelEnd - pixelStart) : 0
        let t = t0 + f * (t1 - t0)
        return scale == .log10 ? pow(10, t) : t
    }
}
