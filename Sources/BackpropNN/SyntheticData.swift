#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif
import BackpropMatrix

// Two-dimensional data sets generated from a seed (no files, no downloads), for
// demonstrations, tests and the command line's default run. Both draw from `NumPyRandom`, so
// the same recipe in NumPy gives the same points. `Dataset.flower(count:seed:)` and
// `Dataset.spirals(pointsPerClass:classes:noise:seed:)` (BackpropFormats) wrap them with class
// names and a source.

/// The course's planar "flower", `load_planar_dataset()` of "Planar data classification with
/// one hidden layer": two classes, each a set of petals r = 4 sin(4t) + noise, traced along t.
///
/// Recipe, after `np.random.seed(seed)`: for class j = 0, 1 and N = m/2 points,
/// t = linspace(3.12 j, 3.12 (j+1), N) + randn(N) × 0.2, r = 4 sin(4t) + randn(N) × 0.2,
/// points (r sin t, r cos t). With `seed: 1` and 400 points this is exactly the course's data.
///
/// - Parameters:
///   - count: m, the number of points (even; an odd count is rounded down), ≥ 2.
///   - seed: the NumPy seed (the course uses 1).
///   - type: the scalar type of the result (`Float` or `Double`), when the context does not say.
/// - Returns: X (2, m) and Y (1, m) with labels 0 (first m/2 points) and 1.
/// - Throws: ``NetworkError`` naming `count` when it is below 2.
public func loadPlanarDataset<T: MatrixScalar>(
    count: Int = 400, seed: UInt32 = 1, as type: T.Type = T.self
) throws(NetworkError) -> (X: Matrix<T>, Y: Matrix<T>) {
    guard count >= 2 else { throw NetworkError(argument: "count", value: "\(count)", expected: "2 or more points") }
    let n = count / 2, m = 2 * n
    var rng = NumPyRandom(seed: seed)
    var X = Matrix<T>(rows: 2, columns: m), Y = Matrix<T>(rows: 1, columns: m)
    for j in 0..<2 {
        let t = linspace(3.12 * Double(j), 3.12 * Double(j + 1), n).map { $0 + rng.nextGaussian() * 0.2 }
        let r = t.map { 4 * sin(4 * $0) + rng.nextGaussian() * 0.2 }
        for i in 0..<n {
            X[0, j * n + i] = T(r[i] * sin(t[i]))
            X[1, j * n + i] = T(r[i] * cos(t[i]))
            Y[0, j * n + i] = T(j)
        }
    }
    return (X, Y)
}

/// Spirals with `classes` arms (the CS231n recipe), a data set no linear model separates.
///
/// Recipe, after `np.random.seed(seed)`: for class j and N = `pointsPerClass`,
/// r = linspace(0, 1, N), t = linspace(4j, 4(j+1), N) + randn(N) × noise, points
/// (r sin t, r cos t), labels j.
///
/// - Parameters:
///   - pointsPerClass: N ≥ 2.
///   - classes: the number of arms K ≥ 2.
///   - noise: the standard deviation of the angle noise (≥ 0; 0.2 by default).
///   - seed: the NumPy seed.
///   - type: the scalar type of the result (`Float` or `Double`), when the context does not say.
/// - Returns: X (2, K·N) and Y (1, K·N) with integer labels 0..<K, class by class.
/// - Throws: ``NetworkError`` naming the argument for N < 2, K < 2 or a negative or
///   non-finite noise.
public func makeSpirals<T: MatrixScalar>(
    pointsPerClass: Int = 100, classes: Int = 3, noise: Double = 0.2, seed: UInt32 = 0, as type: T.Type = T.self
) throws(NetworkError) -> (X: Matrix<T>, Y: Matrix<T>) {
    guard pointsPerClass >= 2 else { throw NetworkError(argument: "pointsPerClass", value: "\(pointsPerClass)", expected: "2 or more") }
    guard classes >= 2 else { throw NetworkError(argument: "classes", value: "\(classes)", expected: "2 or more") }
    guard noise.isFinite && noise >= 0 else { throw NetworkError(argument: "noise", value: "\(noise)", expected: "a finite number, 0 or more") }
    let n = pointsPerClass, m = n * classes
    var rng = NumPyRandom(seed: seed)
    var X = Matrix<T>(rows: 2, columns: m), Y = Matrix<T>(rows: 1, columns: m)
    let r = linspace(0, 1, n)
    for j in 0..<classes {
        let t = linspace(4 * Double(j), 4 * Double(j + 1), n).map { $0 + rng.nextGaussian() * noise }
        for i in 0..<n {
            X[0, j * n + i] = T(r[i] * sin(t[i]))
            X[1, j * n + i] = T(r[i] * cos(t[i]))
            Y[0, j * n + i] = T(j)
        }
    }
    return (X, Y)
}

/// `np.linspace(start, stop, count)`: start + i · step with step = (stop − start)/(count − 1),
/// the last value exactly `stop`.
func linspace(_ start: Double, _ stop: Double, _ count: Int) -> [Double] {
    guard count > 1 else { return count == 1 ? [start] : [] }
    let step = (stop - start) / Double(count - 1)
    var values = (0..<count).map { Double($0) * step + start }
    values[count - 1] = stop
    return values
}
