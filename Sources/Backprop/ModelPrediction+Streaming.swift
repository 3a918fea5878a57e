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
        let blocks = TrainingConfiguration.defaultBlockShuffle(features: data.featureCount, elementSize: 8)
        var failure: BackpropError?
        do throws(ExampleStreamError) {
            try ExampleFileStream<Double>(data.stored).forEachBatch(blocks: blocks, batchSize: batchSize) { range, batch in
                do throws(BackpropError) {
                    let outputs = model.outputs(batch)
                    try ModelEvaluation.checkOutputs(outputs, source: input, firstExample: range.lowerBound)
                    for column in 0..<outputs.columns {
                        var result = prediction(for: (0..<outputs.rows).map { outputs[$0, column] }, input: "\(input) #\(range.lowerBound + column)", model: model)
                        result.file = input
                        result.index = range.lowerBound + column
                        try each(result)
                    }
                    return true
                } catch {
                    failure = error
                    return false
                }
            }
        } catch {
            throw BackpropError(TrainingError.input(error))
        }
        if let failure { throw failure }
    }
}
