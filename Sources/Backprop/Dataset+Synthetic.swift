extension Dataset {
    /// The course's planar flower (`loadPlanarDataset(count:seed:as:)`) as a data set: X
    /// (2, m), labels (1, m) with classes `class-0` (the course's red) and `class-1` (blue).
    ///
    /// - Parameters:
    ///   - count: m, the number of points (even; an odd count is rounded down), ≥ 2.
    ///   - seed: the NumPy seed (the course uses 1).
    /// - Throws: `NetworkError` naming `count` when it is below 2.
    public static func flower(count: Int = 400, seed: UInt32 = 1) throws(NetworkError) -> Dataset {
        let (X, Y) = try loadPlanarDataset(count: count, seed: seed, as: Scalar.self)
        return Dataset(X: X, labels: Y, classNames: ["class-0", "class-1"], source: "built-in flower (seed \(seed))")
    }

    /// Spirals (`makeSpirals(pointsPerClass:classes:noise:seed:as:)`) as a data set: X
    /// (2, K·N), labels (1, K·N) with classes `arm-0` … `arm-(K−1)`; no linear model separates
    /// them.
    ///
    /// - Parameters:
    ///   - pointsPerClass: N ≥ 2.
    ///   - classes: the number of arms K ≥ 2.
    ///   - noise: the standard deviation of the angle noise (≥ 0).
    ///   - seed: the NumPy seed.
    /// - Throws: `NetworkError` naming the argument for N < 2, K < 2 or a negative or
    ///   non-finite noise.
    public static func spirals(pointsPerClass: Int = 100, classes: Int = 3, noise: Double = 0.2, seed: UInt32 = 0) throws(NetworkError) -> Dataset {
        let (X, Y) = try makeSpirals(pointsPerClass: pointsPerClass, classes: classes, noise: noise, seed: seed, as: Scalar.self)
        return Dataset(X: X, labels: Y, classNames: (0..<classes).map { "arm-\($0)" }, source: "built-in spirals (seed \(seed))")
    }

    /// The names of the data sets the tool generates itself (`--data spirals`, `--data flower`),
    /// in the order help lists them.
    public static var builtInNames: [String] { ["spirals", "flower"] }

    /// The built-in data set `name` drawn from `seed`: `spirals` (3 arms of 100 points,
    /// ``spirals(pointsPerClass:classes:noise:seed:)``) or `flower` (400 points,
    /// ``flower(count:seed:)``); nil for any other name.
    public static func builtIn(_ name: String, seed: UInt32) -> Dataset? {
        // The built-in sizes are valid: the generators cannot throw for them.
        switch name {
        case "spirals": try? spirals(pointsPerClass: 100, classes: 3, seed: seed)
        case "flower": try? flower(count: 400, seed: seed)
        default: nil
        }
    }
}
