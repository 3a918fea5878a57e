extension EvaluationReport {
    /// Evaluates `model` on data streamed from disk (`StreamedDataset`), `batchSize` examples
    /// at a time in file order: the cost is the batches' costs weighted by their sizes (equal to
    /// the in-memory report's to rounding), the accuracy and confusion matrix are exact. Only
    /// the labels and one class per example are held; a NaN or infinite feature stops it.
    ///
    /// - Throws: ``BackpropError`` `.badInput` for another feature count than the model's input,
    ///   labels that do not fit the model's loss, a non-finite feature or cost; `.io` when the
    ///   file cannot be read.
    public init(model: SavedModel, streamed data: StreamedDataset, batchSize: Int = 4096) throws(BackpropError) {
        try ModelEvaluation.checkFeatures(model, count: data.featureCount, source: data.source)
        var weightedCost = 0.0, predicted: [Int] = []
        predicted.reserveCapacity(data.count)
        try data.forEachBatch(batchSize: batchSize) { range, batch throws(BackpropError) in
            let (cost, classes) = try Self.evaluate(model, batch, labels: data.labels.columns(at: Array(range)), source: data.source)
            weightedCost += cost * Double(range.count)
            predicted += classes
        }
        let truth = data.labelsOnly.classIndices
        let regression = model.architecture.loss == .meanSquaredError
        let accuracy = regression || truth.isEmpty ? nil : Double(zip(predicted, truth).filter { $0 == $1 }.count) / Double(truth.count)
        let metrics = EvaluationMetrics(cost: truth.isEmpty ? 0 : weightedCost / Double(truth.count), accuracy: accuracy)
        try self.init(model: model, source: data.source, metrics: metrics, predicted: predicted, truth: truth, dataClassNames: data.classNames)
    }

    /// One batch's cost and predicted classes, in the model's precision (its scaling applied).
    private static func evaluate(_ model: SavedModel, _ batch: Matrix<Double>, labels: Matrix<Double>, source: String) throws(BackpropError) -> (Double, [Int]) {
        do {
            switch model {
            case .float32(let m):
                let X = model.prepared(batch, as: Float.self)
                return (try m.network.evaluate(X: X, labels: labels.converted(to: Float.self)).cost, m.network.predictClasses(X))
            case .float64(let m):
                let X = model.prepared(batch, as: Double.self)
                return (try m.network.evaluate(X: X, labels: labels).cost, m.network.predictClasses(X))
            }
        } catch {
            throw BackpropError(.badInput, "\(source): \(error.description)", hint: "evaluate on data labelled like the training data")
        }
    }
}
