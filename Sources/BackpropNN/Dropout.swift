import BackpropMatrix

/// An inverted-dropout mask for one layer's output A[l] (course: `D1`, `keep_prob`).
///
/// Forward: A ← (A ⊙ D) / keep_prob; backward: dA ← (dA ⊙ D) / keep_prob, in that order, as
/// the course's `forward_propagation_with_dropout` and `backward_propagation_with_dropout` do.
/// Dividing by keep_prob keeps the expected value of A, so nothing changes at prediction time
/// (no dropout when predicting).
public struct DropoutMask<Scalar: MatrixScalar>: Sendable, Equatable {
    /// D, (n_l, m): 1 where the unit is kept, 0 where it is dropped.
    public var mask: Matrix<Scalar>
    /// keep_prob, in (0, 1].
    public var keepProbability: Scalar

    /// A mask from D (entries 0 or 1) and its keep probability.
    ///
    /// - Precondition: `keepProbability` is in (0, 1] (validate user values with
    ///   ``validateKeepProbability(_:argument:)``).
    @inlinable
    public init(mask: Matrix<Scalar>, keepProbability: Scalar) {
        precondition(keepProbability > 0 && keepProbability <= 1, "DropoutMask: keep probability \(keepProbability) outside (0, 1]")
        self.mask = mask
        self.keepProbability = keepProbability
    }

    /// A random mask: D = (U < keep_prob) with U uniform on [0, 1), drawn row by row from
    /// `generator` (course: `D1 = np.random.rand(...) < keep_prob`, here with `SeededGenerator`).
    @inlinable
    public static func random(
        rows: Int, columns: Int, keepProbability: Double, using generator: inout SeededGenerator
    ) -> DropoutMask {
        let mask = Matrix<Scalar>(rows: rows, columns: columns) { _, _ in generator.nextDouble() < keepProbability ? 1 : 0 }
        return DropoutMask(mask: mask, keepProbability: Scalar(keepProbability))
    }

    /// Draws a fresh D of shape (rows, columns) into this mask's storage, exactly as
    /// ``random(rows:columns:keepProbability:using:)`` draws it (row by row, the same values for
    /// the same generator state), without allocating when the storage is large enough.
    @inlinable
    public mutating func redraw(rows: Int, columns: Int, keepProbability: Double, using generator: inout SeededGenerator) {
        redraw(rows: rows, columns: columns, keeping: 0..<columns, keepProbability: keepProbability, using: &generator)
    }

    /// Draws the mask of a (rows, columns) batch, row by row, and keeps the columns `kept`:
    /// a rank's share of a batch split across processes (``GradientReducer``) gets the
    /// columns the whole batch's mask has, whatever the number of processes.
    ///
    /// - Shapes: D (rows, kept.count).
    public mutating func redraw(rows: Int, columns: Int, keeping kept: Range<Int>, keepProbability: Double,
                                using generator: inout SeededGenerator) {
        precondition(keepProbability > 0 && keepProbability <= 1, "DropoutMask: keep probability \(keepProbability) outside (0, 1]")
        precondition(kept.lowerBound >= 0 && kept.upperBound <= columns, "DropoutMask: columns \(kept) outside 0..<\(columns)")
        mask.resize(rows: rows, columns: kept.count)
        mask.withUnsafeMutableBufferPointer { d in
            guard kept.count < columns else {
                for i in d.indices { d[i] = generator.nextDouble() < keepProbability ? 1 : 0 }
                return
            }
            // Every value of the whole row is drawn, in order; only the kept columns are stored.
            var i = 0
            for _ in 0..<rows {
                for _ in 0..<kept.lowerBound { _ = generator.nextDouble() }
                for _ in kept {
                    d[i] = generator.nextDouble() < keepProbability ? 1 : 0
                    i += 1
                }
                for _ in kept.upperBound..<columns { _ = generator.nextDouble() }
            }
        }
        self.keepProbability = Scalar(keepProbability)
    }

    /// A ← (A ⊙ D) / keep_prob, in place (course order: multiply, then divide).
    ///
    /// - Shapes: A (n_l, m), the shape of D.
    @inlinable
    public func apply(to A: inout Matrix<Scalar>) {
        precondition(
            A.rows == mask.rows && A.columns == mask.columns,
            "DropoutMask: A (\(A.rows), \(A.columns)) and D (\(mask.rows), \(mask.columns)) differ")
        A *= mask
        A /= keepProbability
    }
}

/// Checks a dropout keep probability from a user.
///
/// - Throws: ``NetworkError`` naming `argument` when `keepProbability` is not in (0, 1] or is
///   below 2⁻¹²⁶ ≈ 1.2e-38, the smallest normal `Float` (a float32 run would round it to 0).
public func validateKeepProbability(_ keepProbability: Double, argument: String = "keepProbability") throws(NetworkError) {
    guard keepProbability > 0 && keepProbability <= 1 else {
        throw NetworkError(argument: argument, value: "\(keepProbability)", expected: "a keep probability in (0, 1]")
    }
    guard keepProbability >= Double(Float.leastNormalMagnitude) else {
        throw NetworkError(argument: argument, value: "\(keepProbability)",
                           expected: "a keep probability of at least 1.2e-38 (float32 must hold it)")
    }
}
