import Foundation

/// One tick on an axis.
public struct AxisTick: Equatable, Sendable {
    /// Data value at the tick.
    public var value: Double
    /// Text drawn beside it (empty for unlabelled minor ticks).
    public var label: String
    /// Major ticks get a label and a grid line; minor ones (log-scale 2…9 × 10^k) a faint grid line.
    public var isMajor: Bool

    /// Creates a tick.
    public init(value: Double, label: String, isMajor: Bool = true) {
        self.value = value
        self.label = label
        self.isMajor = isMajor
    }
}

/// "Nice" axis ticks: steps of 1, 2 or 5 × 10^k on linear axes, powers of ten on log axes.
///
/// Every function skips NaN and ±infinity (and non-positive values on a log axis) and turns
/// degenerate input (no values, one value, a constant series) into a sensible non-empty domain.
public enum AxisTicks {
    /// The smallest of 1, 2, 5 × 10^k that is ≥ `rawStep` (> 0, finite). Returns (step, k, m) with
    /// step = m × 10^k and m ∈ {1, 2, 5}.
    public static func niceStep(atLeast rawStep: Double) -> (step: Double, exponent: Int, mantissa: Int) {
        precondition(rawStep > 0 && rawStep.isFinite, "niceStep: raw step must be positive and finite, got \(rawStep)")
        var k = Int(floor(log10(rawStep)))
        for _ in 0..<3 {
            for m in [1, 2, 5] where Double(m) * pow(10, Double(k)) >= rawStep * (1 - 1e-12) {
                return (Double(m) * pow(10, Double(k)), k, m)
            }
            k += 1
        }
        return (pow(10, Double(k)), k, 1)
    }

    /// The smallest and largest values the scale can show, or nil when there are none.
    public static func finiteRange(of values: some Sequence<Double>, scale: AxisScale = .linear) -> ClosedRange<Double>? {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where scale.accepts(v) {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        return lo <= hi ? lo...hi : nil
    }

    /// A domain that covers `range` and starts and ends on a tick, with about `targetCount` ticks
    /// (1-2-5 steps) labelled with as many decimals as the step needs.
    ///
    /// - Parameters:
    ///   - range: data extent, nil when there is no data (gives 0...1). A single value v
    ///     gives v ± 10% (±1 for zero).
    ///   - targetCount: about how many ticks to make.
    public static func linear(covering range: ClosedRange<Double>?, targetCount: Int = 6) -> (domain: ClosedRange<Double>, ticks: [AxisTick]) {
        var lo = range?.lowerBound ?? 0, hi = range?.upperBound ?? 1
        if lo == hi {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad
            hi += pad
        }
        guard (hi - lo).isFinite, hi - lo > abs(hi) * 1e-13 else {
            return (lo...hi, [AxisTick(value: lo, label: "\(lo)"), AxisTick(value: hi, label: "\(hi)")])
        }
        let (step, k, m) = niceStep(atLeast: (hi - lo) / Double(max(1, targetCount - 1)))
        let first = floor(lo / step + 1e-9), last = ceil(hi / step - 1e-9)
        let domain = (first * step)...(last * step)
        return (domain, ticks(from: Int64(first), to: Int64(last), mantissa: m, exponent: k))
    }

    /// Ticks inside `domain` (which is not widened), 1-2-5 steps, about `targetCount` of them.
    public static func linear(inside domain: ClosedRange<Double>, targetCount: Int = 6) -> [AxisTick] {
        let lo = domain.lowerBound, hi = domain.upperBound
        guard hi > lo, (hi - lo).isFinite, hi - lo > abs(hi) * 1e-13 else { return [AxisTick(value: lo, label: "\(lo)")] }
        let (step, k, m) = niceStep(atLeast: (hi - lo) / Double(max(1, targetCount - 1)))
        let first = ceil(lo / step - 1e-9), last = floor(hi / step + 1e-9)
        return ticks(from: Int64(first), to: Int64(last), mantissa: m, exponent: k)
    }

    /// A log-scale domain fitted to `range` (positive values) with ticks at m × 10^k.
    ///
    /// The ends are the data's extremes rounded out to one significant digit (costs 0.012…1.2
    /// give 0.01…2, not 0.01…10). Major ticks sit at powers of ten, minor ones at 2…9 × 10^k; the
    /// labelled mantissas are the densest of {1}, {1, 3}, {1, 2, 5}, {1, 2, 3, 5}, {1…9} that
    /// labels at most `maxLabelCount` ticks, so a narrow range still shows several numbers.
    /// Ranges wider than `maxMajorCount` decades keep decade-aligned ends, labelled every n-th
    /// decade, without minor ticks.
    ///
    /// - Parameters:
    ///   - range: positive data extent, nil when there is none (gives 1...10).
    ///   - maxMajorCount: the most decades shown with minor ticks.
    ///   - maxLabelCount: the most labelled ticks.
    public static func log(covering range: ClosedRange<Double>?, maxMajorCount: Int = 8,
                           maxLabelCount: Int = 7) -> (domain: ClosedRange<Double>, ticks: [AxisTick]) {
        var lo = roundedToOneDigit(range?.lowerBound ?? 1, up: false), hi = roundedToOneDigit(range?.upperBound ?? 10, up: true)
        if lo >= hi {
            lo = roundedToOneDigit(lo / 2, up: false)
            hi = roundedToOneDigit(hi * 2, up: true)
        }
        let d0 = Int(floor(log10(lo) + 1e-9)), d1 = Int(ceil(log10(hi) - 1e-9))
        if d1 - d0 > maxMajorCount - 1 { return decades(from: d0, to: d1, maxMajorCount: maxMajorCount) }
        let inside = { (v: Double) in v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) }
        let labelSets: [Set<Int>] = [[1], [1, 3], [1, 2, 5], [1, 2, 3, 5], Set(1...9)]
        let labelled = labelSets.last { set in
            (d0...d1).reduce(0) { n, e in n + set.filter { inside(Double($0) * pow(10, Double(e))) }.count } <= maxLabelCount
        } ?? [1]
        var ticks: [AxisTick] = []
        for e in d0...d1 {
            for j in 1...9 where inside(Double(j) * pow(10, Double(e))) {
                ticks.append(AxisTick(value: Double(j) * pow(10, Double(e)),
                                      label: labelled.contains(j) ? decimalLabel(Int64(j), exponent: e) : "", isMajor: j == 1))
            }
        }
        return (lo...hi, ticks)
    }

    /// `v` (> 0) rounded down or up to one significant digit: m × 10^k with m in 1…9 (10^(k+1)
    /// when rounding up past 9 × 10^k).
    static func roundedToOneDigit(_ v: Double, up: Bool) -> Double {
        let k = floor(log10(v))
        let m = v / pow(10, k)
        let digit = up ? ceil(m - 1e-9) : max(1, floor(m + 1e-9))
        return digit * pow(10, k)
    }

    /// A decade-aligned domain 10^d0…10^d1 (d1 moved up to a labelled decade) with a labelled
    /// major tick every n-th decade, at most `maxMajorCount`, and unlabelled ones between.
    private static func decades(from d0: Int, to d1: Int, maxMajorCount: Int) -> (domain: ClosedRange<Double>, ticks: [AxisTick]) {
        let every = max(1, Int((Double(d1 - d0) / Double(max(1, maxMajorCount - 1))).rounded(.up)))
        let d1 = d0 + (d1 - d0 + every - 1) / every * every
        let ticks = (d0...d1).map { e in
            let isMajor = (e - d0) % every == 0
            return AxisTick(value: pow(10, Double(e)), label: isMajor ? powerOfTenLabel(e) : "", isMajor: isMajor)
        }
        return (pow(10, Double(d0))...pow(10, Double(d1)), ticks)
    }

    /// "1e-5", "0.001", "1", "1000", "1e6": plain decimals for 10^-4 … 10^4, otherwise "1eK".
    public static func powerOfTenLabel(_ exponent: Int) -> String {
        decimalLabel(1, exponent: exponent)
    }

    /// The label of `n × 10^exponent`, written exactly from integers (no floating-point noise):
    /// fixed notation with `max(0, −exponent)` decimals when the value's magnitude is within
    /// 10^-4 … 10^6, otherwise scientific ("2.5e-7"). Zero is "0".
    public static func decimalLabel(_ n: Int64, exponent: Int, decimals: Int? = nil) -> String {
        if n == 0 {
            let places = decimals ?? 0
            return places > 0 && places <= 4 ? "0." + String(repeating: "0", count: places) : "0"
        }
        let negative = n < 0
        let digits = String(n.magnitude)
        let magnitude = digits.count - 1 + exponent  // floor(log10(|value|))
        let sign = negative ? "-" : ""
        if magnitude < -4 || magnitude > 6 {
            var mantissa = digits
            while mantissa.count > 1 && mantissa.hasSuffix("0") { mantissa.removeLast() }
            let head = String(mantissa.prefix(1)), tail = String(mantissa.dropFirst())
            return sign + head + (tail.isEmpty ? "" : "." + tail) + "e\(magnitude)"
        }
        let places = decimals ?? max(0, -exponent)
        if exponent >= 0 {
            let whole = digits + String(repeating: "0", count: exponent)
            return sign + whole + (places > 0 ? "." + String(repeating: "0", count: places) : "")
        }
        // value = digits × 10^exponent with exponent < 0: insert the decimal point.
        let shift = -exponent
        let padded = digits.count <= shift ? String(repeating: "0", count: shift - digits.count + 1) + digits : digits
        var whole = String(padded.dropLast(shift)), fraction = String(padded.suffix(shift))
        if whole.isEmpty { whole = "0" }
        if places < fraction.count {
            fraction = String(fraction.prefix(places))
        } else {
            fraction += String(repeating: "0", count: places - fraction.count)
        }
        return sign + whole + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// Ticks i × m × 10^k for i in first...last, labelled with the decimals the step needs.
    private static func ticks(from first: Int64, to last: Int64, mantissa m: Int, exponent k: Int) -> [AxisTick] {
        guard first <= last, last - first <= 1000 else { return [] }
        return (first...last).map { i in
            let n = i * Int64(m)
            return AxisTick(value: Double(n) * pow(10, Double(k)), label: decimalLabel(n, exponent: k, decimals: max(0, -k)))
        }
    }
}
