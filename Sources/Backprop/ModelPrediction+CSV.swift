extension ModelPrediction {
    /// The predictions as a CSV table (`backprop predict --csv`): one row per input, under the
    /// header
    ///
    ///     input,index,class,class_name,probability,p_<class 0>,p_<class 1>,…
    ///
    /// `input` is the image or data file, `index` the example's 0-based row in a data file
    /// (empty for an image), `class`/`class_name`/`probability` the prediction, and one
    /// `p_<name>` column per class with the model's probability of that class (for one sigmoid
    /// output: 1 − p and p). A regression model (mean squared error) leaves the class columns
    /// empty and gives its outputs as `output_1`, `output_2`, ….
    ///
    /// Numbers are written in their shortest exact decimal form.
    ///
    /// - Parameters:
    ///   - predictions: the predictions of ``predict(model:inputs:csv:)``.
    ///   - model: the model that made them (for the class names and the output layer).
    /// - Returns: the header and the rows, ready for `CSVFile/write(header:rows:to:delimiter:)`.
    public static func csvTable(_ predictions: [ModelPrediction], model: SavedModel) -> (header: [String], rows: [[String]]) {
        let outputs = model.architecture.outputCount
        let isRegression = model.architecture.loss == .meanSquaredError
        let classCount = outputs == 1 ? 2 : outputs
        let probabilityColumns = isRegression
            ? (1...outputs).map { "output_\($0)" }
            : (0..<classCount).map { "p_" + model.info.className($0) }
        let header = ["input", "index", "class", "class_name", "probability"] + probabilityColumns
        let rows = predictions.map { prediction -> [String] in
            let values: [Double] = !isRegression && prediction.outputs.count == 1
                ? [1 - prediction.outputs[0], prediction.outputs[0]]
                : prediction.outputs
            return [
                prediction.file, prediction.index.map(String.init) ?? "",
                prediction.classIndex.map(String.init) ?? "", prediction.className ?? "",
                prediction.probability.map { "\($0)" } ?? "",
            ] + values.map { "\($0)" }
        }
        return (header, rows)
    }

    /// Writes ``csvTable(_:model:)`` to `path`.
    ///
    /// - Throws: ``BackpropError`` (`.badInput` for a missing folder, `.io` when the file
    ///   cannot be written).
    public static func writeCSV(_ predictions: [ModelPrediction], model: SavedModel, to path: String) throws(BackpropError) {
        let table = csvTable(predictions, model: model)
        do { try CSVFile.write(header: table.header, rows: table.rows, to: path) } catch { throw BackpropError(error) }
    }
}
