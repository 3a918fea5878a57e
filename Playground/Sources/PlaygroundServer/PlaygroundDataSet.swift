#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Backprop

/// The playground's data sets: two-dimensional points in the square [−6, 6]², each with a
/// label: a class (0 or 1) for the classification sets, a value in [−1, 1] for the regression
/// sets. Spirals and the flower are Backprop's own generators (``makeSpirals(pointsPerClass:classes:noise:seed:as:)``,
/// ``loadPlanarDataset(count:seed:as:)``) scaled to the square; the others follow TensorFlow
/// Playground's recipes, drawn from ``NumPyRandom`` so that a seed gives the same points on
/// every machine.
public enum PlaygroundDataSet: String, CaseIterable, Sendable, Codable {
    case spirals, flower, circles, xor, gaussians, moons
    case plane, multipleGaussians = "multiple-gaussians"

    /// Half the side of the square the points lie in: 6.
    public static let extent = 6.0

    /// Whether the labels are classes (0 or 1) rather than values.
    public var isClassification: Bool { self != .plane && self != .multipleGaussians }

    /// `count` points and their labels; `noise` in [0, 0.5] (TensorFlow Playground's 0–50 %).
    ///
    /// - Shapes: → X (2, count), labels (1, count).
    public func generate(count: Int, noise: Double, seed: UInt32) -> (X: Matrix<Double>, labels: Matrix<Double>) {
        var rng = NumPyRandom(seed: seed)
        var points: [(x: Double, y: Double, label: Double)] = []
        switch self {
        case .spirals: points = Self.spirals(count: count, noise: noise, seed: seed)
        case .flower: points = Self.flower(count: count, noise: noise, seed: seed, rng: &rng)
        case .circles: points = (0..<count).map { Self.circlePoint(index: $0, of: count, noise: noise, rng: &rng) }
        case .xor: points = (0..<count).map { _ in Self.xorPoint(noise: noise, rng: &rng) }
        case .gaussians: points = (0..<count).map { Self.gaussianPoint(index: $0, noise: noise, rng: &rng) }
        case .moons: points = (0..<count).map { Self.moonPoint(index: $0, of: count, noise: noise, rng: &rng) }
        case .plane: points = (0..<count).map { _ in Self.planePoint(noise: noise, rng: &rng) }
        case .multipleGaussians: points = (0..<count).map { _ in Self.multipleGaussiansPoint(noise: noise, rng: &rng) }
        }
        let X = Matrix<Double>(rows: 2, columns: points.count) { r, c in r == 0 ? points[c].x : points[c].y }
        let labels = Matrix<Double>(rows: 1, columns: points.count, elements: points.map(\.label))
        return (X, labels)
    }
}

extension PlaygroundDataSet {
    /// Backprop's two-armed spirals (radius 1, angle noise 0.8 × `noise`), scaled by 5.
    static func spirals(count: Int, noise: Double, seed: UInt32) -> [(x: Double, y: Double, label: Double)] {
        // pointsPerClass ≥ 2, classes 2 and a finite noise ≥ 0 cannot throw.
        guard let (X, Y) = try? makeSpirals(pointsPerClass: max(count / 2, 2), classes: 2, noise: 0.8 * noise, seed: seed, as: Double.self) else {
            return []
        }
        return (0..<X.columns).map { (5 * X[0, $0], 5 * X[1, $0], Y[0, $0]) }
    }

    /// The course's planar flower (coordinates within about ±4.5), scaled by 1.25, with
    /// uniform jitter of `noise` × 3.
    static func flower(count: Int, noise: Double, seed: UInt32, rng: inout NumPyRandom) -> [(x: Double, y: Double, label: Double)] {
        guard let (X, Y) = try? loadPlanarDataset(count: max(count, 2), seed: seed, as: Double.self) else { return [] }
        return (0..<X.columns).map { c in
            (1.25 * X[0, c] + jitter(noise * 3, &rng), 1.25 * X[1, c] + jitter(noise * 3, &rng), Y[0, c])
        }
    }

    /// A uniform number in [−a, a).
    static func jitter(_ a: Double, _ rng: inout NumPyRandom) -> Double { a == 0 ? 0 : (rng.nextDouble() * 2 - 1) * a }

    /// Class 1 inside radius 2.5, class 0 in the ring 3.5…5 (half the points each), jittered;
    /// the label is decided by the radius before the jitter, as TensorFlow Playground does.
    static func circlePoint(index: Int, of count: Int, noise: Double, rng: inout NumPyRandom) -> (x: Double, y: Double, label: Double) {
        let inner = index < count / 2
        let r = inner ? rng.nextDouble() * 2.5 : 3.5 + rng.nextDouble() * 1.5
        let angle = rng.nextDouble() * 2 * Double.pi
        let x = r * cos(angle) + jitter(5 * noise, &rng), y = r * sin(angle) + jitter(5 * noise, &rng)
        return (x, y, inner ? 1 : 0)
    }

    /// Uniform in [−5, 5]², kept 0.3 away from the axes; class 1 where x·y > 0 (before jitter).
    static func xorPoint(noise: Double, rng: inout NumPyRandom) -> (x: Double, y: Double, label: Double) {
        func coordinate() -> Double {
            let v = rng.nextDouble() * 10 - 5
            return v + (v > 0 ? 0.3 : -0.3)
        }
        let x = coordinate(), y = coordinate()
        return (x + jitter(5 * noise, &rng), y + jitter(5 * noise, &rng), x * y > 0 ? 1 : 0)
    }

    /// Two Gaussian blobs at (2, 2) (class 1) and (−2, −2) (class 0), their deviation growing
    /// with the noise from 0.7 to 2.
    static func gaussianPoint(index: Int, noise: Double, rng: inout NumPyRandom) -> (x: Double, y: Double, label: Double) {
        let positive = index % 2 == 0, sigma = 0.7 + 2.6 * noise, center = positive ? 2.0 : -2.0
        return (center + sigma * rng.nextGaussian(), center + sigma * rng.nextGaussian(), positive ? 1 : 0)
    }

    /// Two interleaved half circles of radius 3 (scikit-learn's moons, scaled), with Gaussian
    /// noise of deviation 0.2 + 2 × `noise`.
    static func moonPoint(index: Int, of count: Int, noise: Double, rng: inout NumPyRandom) -> (x: Double, y: Double, label: Double) {
        let upper = index < count / 2
        let t = rng.nextDouble() * Double.pi, sigma = 0.2 + 2 * noise
        let (x, y) = upper ? (3 * cos(t) - 1.5, 3 * sin(t) - 0.75) : (1.5 - 3 * cos(t), 0.75 - 3 * sin(t))
        return (x + sigma * rng.nextGaussian(), y + sigma * rng.nextGaussian(), upper ? 1 : 0)
    }

    /// Uniform in [−6, 6]²; the value (x + y) / 12 plus uniform noise, clipped to [−1, 1].
    static func planePoint(noise: Double, rng: inout NumPyRandom) -> (x: Double, y: Double, label: Double) {
        let x = rng.nextDouble() * 12 - 6, y = rng.nextDouble() * 12 - 6
        return (x, y, min(max((x + y) / 12 + jitter(noise, &rng), -1), 1))
    }

    /// Uniform in [−6, 6]²; the value of the strongest of six Gaussian bumps (±1 at fixed
    /// centres, deviation 2) plus uniform noise, clipped to [−1, 1].
    static func multipleGaussiansPoint(noise: Double, rng: inout NumPyRandom) -> (x: Double, y: Double, label: Double) {
        let bumps: [(x: Double, y: Double, sign: Double)] = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)]
        let x = rng.nextDouble() * 12 - 6, y = rng.nextDouble() * 12 - 6
        var value = 0.0
        for bump in bumps {
            let d2 = (x - bump.x) * (x - bump.x) + (y - bump.y) * (y - bump.y)
            let v = bump.sign * exp(-d2 / 8)
            if abs(v) > abs(value) { value = v }
        }
        return (x, y, min(max(value + jitter(noise, &rng), -1), 1))
    }
}
