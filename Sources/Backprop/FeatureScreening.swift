/// What `evaluate` and `predict` do with an example whose features are NaN or infinite.
///
/// Training refuses such data (`NetworkError` naming the row and the example); inference does
/// the same by default, so a NaN never turns into a "probability nan" or a cost of nan counted as
/// class 0. With ``skip`` (`--skip-bad-rows`) those examples are left out and listed.
public enum BadExamplePolicy: Sendable, Equatable {
    /// Stop with a bad-input error naming the first bad example (the default).
    case refuse
    /// Leave the bad examples out; the caller reports which.
    case skip
}

/// The examples of a data set that inference left out, and why.
public struct SkippedExamples: Sendable, Equatable {
    /// The data set's description.
    public var source: String
    /// 0-based indices of the examples left out, in the file's order.
    public var indices: [Int]
    /// The examples the data set had before any was left out.
    public var total: Int

    /// `data.csv: skipped 2 of 10 examples with NaN or infinite features (#3, #7)`, or nil when none.
    public var note: String? {
        guard !indices.isEmpty else { return nil }
        let shown = indices.prefix(10).map { "#\($0)" }.joined(separator: ", ") + (indices.count > 10 ? ", …" : "")
        return "\(source): skipped \(indices.count) of \(total) example\(total == 1 ? "" : "s") with NaN or infinite features (\(shown))"
    }
}

extension ModelEvaluation {
    /// `data` without its non-finite examples under `policy`, and the indices left out.
    ///
    /// - Throws: ``BackpropError`` `.badInput` under ``BadExamplePolicy/refuse`` naming the first
    ///   bad example, its feature and value; also under ``BadExamplePolicy/skip`` when every
    ///   example is bad.
    static func screen(_ data: Dataset<Double>, policy: BadExamplePolicy) throws(BackpropError) -> (data: Dataset<Double>, skipped: SkippedExamples) {
        let bad = data.X.nonFiniteColumns
        let skipped = SkippedExamples(source: data.source, indices: bad, total: data.count)
        guard let first = bad.first else { return (data, skipped) }
        guard policy == .skip else {
            let row = (0..<data.X.rows).first { !data.X[$0, first].isFinite } ?? 0
            let feature = data.featureNames.flatMap { $0.indices.contains(row) ? $0[row] : nil } ?? String(row)
            throw BackpropError(.badInput, "\(data.source): feature \(feature) of example \(first) is \(data.X[row, first]); expected finite features (\(bad.count) of \(data.count) examples have NaN or infinity)",
                                hint: "fix or remove those rows, or pass --skip-bad-rows to leave them out")
        }
        guard bad.count < data.count else {
            throw BackpropError(.badInput, "\(data.source): every example has NaN or infinite features", hint: "check the file")
        }
        let badSet = Set(bad)
        return (data.examples(at: (0..<data.count).filter { !badSet.contains($0) }), skipped)
    }

    /// `firstExample` is the index of the outputs' first column in its file (a streamed batch).
    ///
    /// - Throws: ``BackpropError`` `.badInput` when an output of the model is NaN or infinite
    ///   (finite features, so the model's parameters or scaler are at fault, or the features are
    ///   far outside the training range).
    static func checkOutputs(_ outputs: Matrix<Double>, source: String, model: String = "the model", firstExample: Int = 0) throws(BackpropError) {
        guard let column = outputs.nonFiniteColumns.first else { return }
        throw BackpropError(.badInput, "\(source): \(model)'s output for example \(firstExample + column) is not finite",
                            hint: "check the model file (its parameters or feature scaling may be damaged) and that the features are in the training range")
    }
}
