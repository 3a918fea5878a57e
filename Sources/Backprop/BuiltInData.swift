/// The data sets the tool generates itself (no files, no downloads), for `backprop train`
/// with no arguments and for quick experiments: `--data spirals` or `--data flower`.
public enum BuiltInData: String, Sendable, CaseIterable {
    /// Three-arm spirals, 100 points per arm (``Datasets/spirals(pointsPerClass:classes:noise:seed:as:)``):
    /// 300 examples of 2 features, classes 0, 1, 2 — no linear model separates them.
    case spirals
    /// The course's planar flower, 400 points (``Datasets/flower(count:seed:as:)``): 2 features,
    /// classes 0 (the course's red) and 1 (blue).
    case flower

    /// What the data set is, for help texts.
    public var summary: String {
        switch self {
        case .spirals: "3-arm spirals, 300 points in 2-D, classes arm-0/arm-1/arm-2"
        case .flower: "the course's planar flower, 400 points in 2-D, classes class-0/class-1"
        }
    }

    /// The suggested layers for this data set when `--layers` is not given.
    public var defaultLayers: [Int] {
        switch self {
        case .spirals: [2, 32, 16, 3]
        case .flower: [2, 8, 1]
        }
    }

    /// The data, generated from `seed`.
    ///
    /// - Throws: never for the built-in sizes; typed for uniformity.
    public func generate(seed: UInt32) throws(BackpropError) -> LabeledData {
        do {
            switch self {
            case .spirals:
                let (X, Y) = try Datasets.spirals(pointsPerClass: 100, classes: 3, seed: seed, as: Double.self)
                return LabeledData(X: X, labels: Y, classNames: ["arm-0", "arm-1", "arm-2"], source: "built-in spirals (seed \(seed))")
            case .flower:
                let (X, Y) = try Datasets.flower(count: 400, seed: seed, as: Double.self)
                return LabeledData(X: X, labels: Y, classNames: ["class-0", "class-1"], source: "built-in flower (seed \(seed))")
            }
        } catch {
            throw BackpropError(error)
        }
    }
}
