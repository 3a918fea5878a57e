extension ModelPrediction {
    /// Predicts every example of data streamed from disk (`StreamedDataset`), in file order,
    /// `batchSize` at a time, handing each prediction to `each` as it is made (`backprop predict
    /// --stream`): nothing but one batch is held, whatever the file's size. Predictions are
    /// named `input #index`, as ``predictions(model:inputs:csv:badExamples:)`` names them.
    ///
    /// - Throws: ``BackpropError`` `.badInput` for another feature count than the model's
    ///   input, a NaN or infinite feature or output (naming the example); `.io` when the file
    ///   cannot be read; any error `each` throws (which stops the pass).
    public static func streamPredictions(
        model: SavedModel, data: StreamedDataset, input: String, batchSize: Int = 4096,
        each: (ModelPrediction) throws(BackpropError) -> Void
    ) throws(BackpropError) {
        try ModelEvaluation.checkFeatures(model, count: data.featureCount, source: input)
        try data.forEachBatch(batchSize: batchSize) { range, batch throws(BackpropError) in
            let outputs = model.outputs(batch)
            try ModelEvaluation.checkOutputs(outputs, source: input, firstExample: range.lowerBound)
            for column in 0..<outputs.columns {
                var result = prediction(for: (0..<outputs.rows).map { outputs[$0, column] }, input: "\(input) #\(range.lowerBound + column)", model: model)
                result.file = input
                result.index = range.lowerBound + column
                try each(result)
            }
        }
    }
}

extension StreamedDataset {
    /// Reads every example once, in file order, `batchSize` at a time as `Double` (the windows
    /// of `TrainingConfiguration.defaultBlockShuffle(features:elementSize:budget:)`), and hands
    /// each batch's examples and X_b (n_x, b) to `body`: batched inference on data larger than
    /// memory.
    ///
    /// - Throws: ``BackpropError``: the first error of `body` (which stops the pass), or a
    ///   stream's (bad data: exit 1; unreadable: exit 4).
    func forEachBatch(batchSize: Int, _ body: (_ examples: Range<Int>, _ batch: Matrix<Double>) throws(BackpropError) -> Void) throws(BackpropError) {
        let blocks = TrainingConfiguration.defaultBlockShuffle(features: featureCount, elementSize: 8)
        var failure: BackpropError?
        do throws(ExampleStreamError) {
            try ExampleFileStream<Double>(stored).forEachBatch(blocks: blocks, batchSize: batchSize) { range, batch in
                do throws(BackpropError) { try body(range, batch) } catch {
                    failure = error
                    return false
                }
                return true
            }
        } catch {
            throw BackpropError(TrainingError.input(error))
        }
        if let failure { throw failure }
    }
}
