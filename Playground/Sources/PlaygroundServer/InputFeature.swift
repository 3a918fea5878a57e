#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Backprop

/// An input feature computed from a point (x₁, x₂): the rows of the network's input X.
public enum InputFeature: String, CaseIterable, Sendable, Codable {
    case x1, x2, x1Squared = "x1^2", x2Squared = "x2^2", x1x2 = "x1*x2", sinX1 = "sin(x1)", sinX2 = "sin(x2)"

    /// The feature of the point (x₁, x₂).
    @inlinable
    public func value(_ x1: Double, _ x2: Double) -> Double {
        switch self {
        case .x1: x1
        case .x2: x2
        case .x1Squared: x1 * x1
        case .x2Squared: x2 * x2
        case .x1x2: x1 * x2
        case .sinX1: sin(x1)
        case .sinX2: sin(x2)
        }
    }

    /// The features of every point: row k is `features[k]` of each column of `points`.
    ///
    /// - Shapes: points (2, m) → (features.count, m).
    public static func matrix(_ features: [InputFeature], of points: Matrix<Double>) -> Matrix<Double> {
        Matrix(rows: features.count, columns: points.columns) { k, c in features[k].value(points[0, c], points[1, c]) }
    }
}
