import BackpropMatrix

/// The running sums of an evaluation made batch by batch: each batch's mean cost weighted by its
/// examples, and its correct count, added up into the metrics of all the examples.
struct EvaluationTotals: Sendable {
    /// Σ batch cost × batch examples.
    var weightedCost = 0.0
    /// The correctly classified examples so far.
    var correct = 0

    /// Adds a batch of `examples` examples whose metrics are `metrics`.
    mutating func add(_ metrics: EvaluationMetrics, examples: Int) {
        weightedCost += metrics.cost * Double(examples)
        correct += Int((metrics.accuracy ?? 0) * Double(examples) + 0.5)
    }

    /// The metrics of `m` examples (accuracy only when `classified`).
    func metrics(examples m: Int, classified: Bool) -> EvaluationMetrics {
        EvaluationMetrics(cost: m == 0 ? 0 : weightedCost / Double(m), accuracy: !classified || m == 0 ? nil : Double(correct) / Double(m))
    }
}

extension Network {
    /// The most examples one forward pass of an evaluation or a prediction in memory takes
    /// (``evaluate(X:labels:)``, ``predictProbabilities(_:)``): a larger X goes this many
    /// columns at a time, so that its activations (n_l × 4096 each) stay small and are not
    /// allocated afresh for the whole of X (W3's 60,000 examples: 245 MB per layer, most of the
    /// final evaluation's time in page faults).
    @inlinable
    public static var evaluationBatchSize: Int { 4096 }

    /// Calls `body` with each batch of at most ``evaluationBatchSize`` consecutive examples of
    /// X (n_0, m), in order: their range and their columns X_b (n_0, b).
    func forEachBatch(of X: Matrix<Scalar>, _ body: (_ examples: Range<Int>, _ batch: Matrix<Scalar>) -> Void) {
        let m = X.columns, size = Self.evaluationBatchSize
        var batch = Matrix<Scalar>(rows: 0, columns: 0)
        for start in stride(from: 0, to: m, by: size) {
            let range = start..<Swift.min(start + size, m)
            X.gatherColumns(Array(range)[...], into: &batch)
            body(range, batch)
        }
    }

    /// The cost (loss only, no dropout, stable numerics) and the accuracy on X (n_0, m) with
    /// targets Y (n_L, m) and class indices `classes` (m, nil for mean squared error): one
    /// forward pass, or, above ``evaluationBatchSize`` examples, one per batch of columns and
    /// the batches' metrics added (the cost to rounding).
    @usableFromInline
    func evaluate(X: Matrix<Scalar>, targets Y: Matrix<Scalar>, classes: [Int]?) -> EvaluationMetrics {
        guard X.columns > Self.evaluationBatchSize else { return evaluateBatch(X: X, targets: Y, classes: classes) }
        var totals = EvaluationTotals()
        var targets = Matrix<Scalar>(rows: 0, columns: 0)
        forEachBatch(of: X) { range, batch in
            Y.gatherColumns(Array(range)[...], into: &targets)
            totals.add(evaluateBatch(X: batch, targets: targets, classes: classes.map { Array($0[range]) }), examples: range.count)
        }
        return totals.metrics(examples: X.columns, classified: classes != nil)
    }

    /// The output A(L) for X, without dropout: probabilities for sigmoid/softmax outputs; one
    /// forward pass, or one per ``evaluationBatchSize`` examples (the same values up to
    /// rounding: a product's blocking of the inner dimension depends on its width).
    ///
    /// - Shapes: X (n_0, m) → (n_L, m).
    public func predictProbabilities(_ X: Matrix<Scalar>) -> Matrix<Scalar> {
        guard X.columns > Self.evaluationBatchSize else { return forward(X).output }
        var output = Matrix<Scalar>(rows: architecture.layerDims.last ?? 0, columns: X.columns)
        forEachBatch(of: X) { range, batch in
            let part = forward(batch).output
            output.withUnsafeMutableBufferPointer { out in
                part.withUnsafeBufferPointer { values in
                    for r in 0..<part.rows {
                        (out.baseAddress! + r * X.columns + range.lowerBound).update(from: values.baseAddress! + r * part.columns, count: part.columns)
                    }
                }
            }
        }
        return output
    }

    /// ``evaluate(X:targets:classes:)`` in one forward pass.
    @usableFromInline
    func evaluateBatch(X: Matrix<Scalar>, targets Y: Matrix<Scalar>, classes: [Int]?) -> EvaluationMetrics {
        let (output, caches) = forward(X)
        let cost = Double(self.cost(output: output, caches: caches, targets: Y))
        let accuracyValue = classes.map { BackpropNN.accuracy(predicted: Self.classes(fromOutput: output), labels: $0) }
        return EvaluationMetrics(cost: cost, accuracy: accuracyValue)
    }
}
