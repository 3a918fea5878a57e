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
        (csvHeader(model: model), predictions.map { $0.csvRow(model: model) })
    }

    /// The header of ``csvTable(_:model:)``.
    public static func csvHeader(model: SavedModel) -> [String] {
        let outputs = model.architecture.outputCount
        let probabilityColumns = model.architecture.loss == .meanSquaredError
            ? (1...outputs).map { "output_\($0)" }
            : (0..<(outputs == 1 ? 2 : outputs)).map { "p_" + model.info.className($0) }
        return ["input", "index", "class", "class_name", "probability"] + probabilityColumns
    }

    /// This prediction's row of ``csvTable(_:model:)``.
    public func csvRow(model: SavedModel) -> [String] {
        let values: [Double] = model.architecture.loss != .meanSquaredError && outputs.count == 1 ? [1 - outputs[0], outputs[0]] : outputs
        return [file, index.map(String.init) ?? "", classIndex.map(String.init) ?? "", className ?? "", probability.map { "\($0)" } ?? ""]
            + values.map { "\($0)" }
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
