import BackpropMatrix

extension Loss {
    /// Checks labels against this loss and a network with `outputCount` outputs, and returns
    /// the (n_L, m) target matrix the loss compares A_L with.
    ///
    /// - binary cross-entropy: Y (n_L, m), every entry 0 or 1;
    /// - categorical cross-entropy: either Y (1, m) of integer classes in 0..<n_L, expanded to
    ///   one-hot columns, or Y (n_L, m) one-hot (entries in [0, 1], each column summing to 1);
    ///   n_L ≥ 2;
    /// - mean squared error: Y (n_L, m), every entry finite.
    ///
    /// - Parameters:
    ///   - labels: Y as above.
    ///   - outputCount: n_L.
    ///   - argument: the name errors give the labels (for example "Y", "--y", "test labels").
    /// - Returns: the targets, (n_L, m).
    /// - Throws: ``NetworkError`` naming `argument`, the first offending value and its example
    ///   (column), for example "label 12 at example 5" expected "a class in 0..<10".
    public func targets<T: MatrixScalar>(
        from labels: Matrix<T>, outputCount: Int, argument: String = "Y"
    ) throws(NetworkError) -> Matrix<T> {
        let m = labels.columns
        switch self {
        case .binaryCrossEntropy:
            guard labels.rows == outputCount else {
                throw NetworkError(argument: argument, value: "shape (\(labels.rows), \(m))",
                                   expected: "\(outputCount) row(s) of 0/1 labels, one per output unit")
            }
            for i in 0..<labels.count where labels.elements[i] != 0 && labels.elements[i] != 1 {
                throw NetworkError(argument: argument, value: "label \(labels.elements[i]) at example \(i % Swift.max(m, 1))",
                                   expected: "0 or 1 for binary cross-entropy")
            }
            return labels
        case .categoricalCrossEntropy:
            guard outputCount >= 2 else {
                throw NetworkError(argument: "loss", value: "categorical-cross-entropy with \(outputCount) output",
                                   expected: "at least 2 outputs (use binary-cross-entropy for one)")
            }
            if labels.rows == 1 {
                var Y = Matrix<T>(rows: outputCount, columns: m)
                for i in 0..<m {
                    let label = labels.elements[i]
                    guard label >= 0, label < T(outputCount), label == label.rounded(.towardZero) else {
                        throw NetworkError(argument: argument, value: "label \(label) at example \(i)",
                                           expected: "a class in 0..<\(outputCount)")
                    }
                    Y[Int(label), i] = 1
                }
                return Y
            }
            guard labels.rows == outputCount else {
                throw NetworkError(argument: argument, value: "shape (\(labels.rows), \(m))",
                                   expected: "(1, \(m)) class labels or (\(outputCount), \(m)) one-hot columns")
            }
            for c in 0..<m {
                var total: T = 0
                for r in 0..<outputCount {
                    let y = labels[r, c]
                    guard y >= 0 && y <= 1 else {
                        throw NetworkError(argument: argument, value: "\(y) at row \(r), example \(c)",
                                           expected: "one-hot entries in [0, 1]")
                    }
                    total += y
                }
                guard Swift.abs(total - 1) <= T(1e-4) else {
                    throw NetworkError(argument: argument, value: "column sum \(total) at example \(c)",
                                       expected: "one-hot columns summing to 1")
                }
            }
            return labels
        case .meanSquaredError:
            guard labels.rows == outputCount else {
                throw NetworkError(argument: argument, value: "shape (\(labels.rows), \(m))",
                                   expected: "\(outputCount) row(s) of targets, one per output unit")
            }
            for i in 0..<labels.count where !labels.elements[i].isFinite {
                throw NetworkError(argument: argument, value: "\(labels.elements[i]) at example \(i % Swift.max(m, 1))",
                                   expected: "finite targets")
            }
            return labels
        }
    }
}

/// The class of each example from a label matrix: a (1, m) row of integer labels (returned as
/// they are), or (n, m) one-hot / probability columns (the row of the largest entry).
///
/// - Shapes: labels (1, m) or (n, m) → m classes.
/// - Throws: ``NetworkError`` naming `argument` when a (1, m) label is negative or not an integer.
public func classIndices<T: MatrixScalar>(
    from labels: Matrix<T>, argument: String = "Y"
) throws(NetworkError) -> [Int] {
    if labels.rows == 1 {
        var result: [Int] = []
        result.reserveCapacity(labels.columns)
        for (i, y) in labels.elements.enumerated() {
            guard y >= 0, y.isFinite, y == y.rounded(.towardZero), y < T(Int32.max) else {
                throw NetworkError(argument: argument, value: "label \(y) at example \(i)", expected: "a class index 0, 1, 2, …")
            }
            result.append(Int(y))
        }
        return result
    }
    return labels.argmaxOfColumns()
}
