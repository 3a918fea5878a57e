import BackpropMatrix

extension Dataset {
    /// The examples in a random order drawn from `seed` (Fisher–Yates with `SeededGenerator`,
    /// so the same seed gives the same order on every machine and Swift version).
    public func shuffled(seed: UInt64) -> Dataset {
        examples(at: Dataset.permutation(count: count, seed: seed))
    }

    /// Splits into training and validation sets after shuffling with `seed`.
    ///
    /// - Parameters:
    ///   - validationFraction: the share of examples for validation, in [0, 1]; the
    ///     count is `round(fraction * m)`.
    ///   - seed: the seed of the shuffle (``shuffled(seed:)``).
    /// - Returns: `train` with the remaining examples and `validation`, both in shuffled order.
    /// - Precondition: `validationFraction` is in [0, 1].
    public func split(validationFraction: Double, seed: UInt64) -> (train: Dataset, validation: Dataset) {
        precondition((0...1).contains(validationFraction), "Dataset.split: fraction \(validationFraction) outside [0, 1]")
        let order = Dataset.permutation(count: count, seed: seed)
        let validationCount = Int((validationFraction * Double(count)).rounded())
        let trainCount = count - validationCount
        return (examples(at: order[..<trainCount]), examples(at: order[trainCount...]))
    }

    /// A permutation of `0..<count` from `seed`.
    static func permutation(count: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        var order = Array(0..<count)
        var index = count - 1
        while index > 0 {
            // An unbiased-enough draw in 0...index: the high word of a 64×64-bit product.
            let pick = Int(generator.next().multipliedFullWidth(by: UInt64(index + 1)).high)
            order.swapAt(index, pick)
            index -= 1
        }
        return order
    }
}
