import BackpropMatrix

extension Network {
    /// The cost (loss only, no dropout, stable numerics) and the accuracy on examples streamed
    /// from disk, read in file order `batchSize` at a time: the cost is the mean of the batches'
    /// costs weighted by their sizes, so it equals ``evaluate(X:labels:)`` on the same data to
    /// rounding (the sums are taken in another order).
    ///
    /// - Parameters:
    ///   - stream: the inputs, m examples of n_0 features.
    ///   - labels: as ``evaluate(X:labels:)`` takes them, (n_L, m) or (1, m), in memory.
    ///   - blocks: the stream's blocks and windows (``BlockShuffle/sequentialWindows(examples:)``
    ///     are read in order).
    ///   - batchSize: examples per forward pass (≥ 1).
    ///   - reducer: the processes of a data-parallel run: each rank evaluates and reads only its
    ///     share of the examples (``GradientReducer/share(of:)``) and the ranks' sums are added,
    ///     so that every rank gets the metrics of all m examples. `nil`: this process reads and
    ///     evaluates all m.
    /// - Throws: ``TrainingError/invalidInput(_:)`` when the stream or the labels do not fit
    ///   the network; ``TrainingError/input(_:)`` when an example cannot be read;
    ///   ``TrainingError/reduction(_:)`` when the ranks' sum fails.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func evaluate(
        stream: any ExampleStream<Scalar>, labels: Matrix<Scalar>, blocks: BlockShuffle, batchSize: Int = 1024,
        reducer: (any GradientReducer)? = nil
    ) throws(TrainingError) -> EvaluationMetrics {
        let m = stream.exampleCount
        let Y: Matrix<Scalar>, classes: [Int]?
        do throws(NetworkError) {
            Y = try checkedTargets(inputRows: stream.featureCount, examples: m, labels: labels)
            classes = loss == .meanSquaredError ? nil : try classIndices(from: Y)
        } catch {
            throw .invalidInput(error)
        }
        var targets = Matrix<Scalar>(rows: 0, columns: 0)
        var totals = EvaluationTotals()
        do {
            try stream.forEachBatch(blocks: blocks, batchSize: batchSize, examples: reducer?.share(of: 0..<m)) { range, batch in
                Y.gatherColumns(Array(range)[...], into: &targets)
                totals.add(evaluateBatch(X: batch, targets: targets, classes: classes.map { Array($0[range]) }), examples: range.count)
                return true
            }
        } catch {
            throw .input(error)
        }
        if let reducer {
            var sums = [totals.weightedCost, Double(totals.correct)]
            do { try reducer.sum(&sums) } catch { throw .reduction(error) }
            (totals.weightedCost, totals.correct) = (sums[0], Int(sums[1]))
        }
        return totals.metrics(examples: m, classified: classes != nil)
    }
}
