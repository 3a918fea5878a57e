import Foundation
import Testing
import BackpropNN

/// Fixtures/toolkit.json (from Fixtures/make_toolkit_fixtures.py, NumPy float64), read once.
enum ToolkitFixture {
    nonisolated(unsafe) static let root: [String: Any] = try! Fixture.load("toolkit.json")

    static func section(_ name: String) -> [String: Any] { root[name] as! [String: Any] }

    static func matrices(_ value: Any?) -> [Matrix<Double>] { (value as! [Any]).map(Fixture.matrix) }

    static func number(_ value: Any?) -> Double { (value as! NSNumber).doubleValue }

    static func parameters(_ s: [String: Any]) -> Parameters<Double> {
        Parameters(layers: zip(matrices(s["W"]), matrices(s["b"])).map { DenseParameters(W: $0, b: $1) })
    }
}

/// `#expect` that two matrices agree to `tolerance`, relative to max(1, |a|, |b|), printing the
/// largest difference.
func expectClose<T: MatrixScalar>(
    _ actual: Matrix<T>, _ expected: Matrix<T>, tolerance: T, _ name: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let sameShape = actual.rows == expected.rows && actual.columns == expected.columns
    #expect(sameShape && actual.isApproximatelyEqual(to: expected, tolerance: tolerance),
            "\(name): shapes \(actual.shape) vs \(expected.shape), max difference \(sameShape ? actual.maxAbsoluteDifference(expected) : .nan)",
            sourceLocation: sourceLocation)
}
