import Foundation

/// One prediction of `backprop predict`.
public struct ModelPrediction: Sendable, Equatable {
    /// The input it is for: an image path, or `file #index` for a row of a data file.
    public var input: String
    /// The image or data file the input comes from.
    public var file: String
    /// The example's 0-based index in its data file (nil for an image).
    public var index: Int?
    /// The predicted class (nil for regression).
    public var classIndex: Int?
    /// The class's name (its index as text when the model has no names).
    public var className: String?
    /// The model's probability of the predicted class (for one sigmoid output: p when the class
    /// is 1, 1 − p when it is 0).
    public var probability: Double?
    /// The raw outputs A(L) of the example.
    public var outputs: [Double]

    /// Predictions for every input: images (`.png`, `.jpg`, `.jpeg`) are resized to the model's
    /// input shape (course: "test with your own image": resize to 64×64, RGB, / 255); other
    /// paths are data files (`Dataset/load(source:x:y:seed:csv:)`), one prediction per example. The model's
    /// ``ModelInfo/scaler`` is applied to every input (``TrainedModel/outputs(_:)``).
    ///
    /// A CSV file read with the default label column (the last) whose columns are exactly the
    /// model's inputs has no label column, and is read as features only.
    ///
    /// - Parameters:
    ///   - model: the model.
    ///   - inputs: image and data file paths.
    ///   - csv: how CSV data files are read.
    /// - Throws: ``BackpropError`` `.badInput` for a missing input (checked first, for every
    ///   input) or an unreadable one, inputs
    ///   that do not fit the model (an image for a model without an image input shape), an
    ///   example with NaN or infinite features, or a non-finite output.
    public static func predict(model: SavedModel, inputs: [String], csv: CSVOptions = CSVOptions()) throws(BackpropError) -> [ModelPrediction] {
        try predictions(model: model, inputs: inputs, csv: csv, badExamples: .refuse).predictions
    }

    /// ``predict(model:inputs:csv:)`` with a choice for examples whose features are NaN or
    /// infinite: refused (an error naming the first), or left out and listed in `skipped`
    /// (one entry per data file that had any). A prediction's ``index`` is the example's index
    /// in its file either way.
    ///
    /// - Throws: as ``predict(model:inputs:csv:)``; with ``BadExamplePolicy/skip``, also when
    ///   every example of a file is bad.
    public static func predictions(model: SavedModel, inputs: [String], csv: CSVOptions = CSVOptions(),
                                   badExamples: BadExamplePolicy) throws(BackpropError) -> (predictions: [ModelPrediction], skipped: [SkippedExamples]) {
        var results: [ModelPrediction] = [], skipped: [SkippedExamples] = []
        try checkInputsExist(inputs)
        for input in inputs {
            let isImage = ImageFile.extensions.contains(fileExtension(input))
            let loaded = try isImage ? Dataset(X: imageColumn(input, model: model), labels: nil, source: input)
                                     : dataFile(input, model: model, csv: csv)
            try ModelEvaluation.checkFeatures(model, loaded)
            let (data, left) = try ModelEvaluation.screen(loaded, policy: badExamples)
            if !left.indices.isEmpty { skipped.append(left) }
            let kept = Self.keptIndices(count: loaded.count, skipping: left.indices)
            let outputs = model.outputs(data.X)
            try ModelEvaluation.checkOutputs(outputs, source: input)
            for column in 0..<outputs.columns {
                let values = (0..<outputs.rows).map { outputs[$0, column] }
                let name = loaded.count == 1 ? input : "\(input) #\(kept[column])"
                var result = prediction(for: values, input: name, model: model)
                result.file = input
                result.index = isImage ? nil : kept[column]
                results.append(result)
            }
        }
        return (results, skipped)
    }

    /// Refuses, before any prediction, an input that names nothing: `missing.jpg: no such
    /// file`, rather than a complaint about what the missing file would have been (an image for
    /// a model of features). Built-in data set names pass.
    ///
    /// - Throws: ``BackpropError`` `.badInput` naming the first missing input (or its missing
    ///   folder); `.io` when the path cannot be examined.
    static func checkInputsExist(_ inputs: [String]) throws(BackpropError) {
        for input in inputs where !Dataset<Double>.builtInNames.contains(input) {
            try InputPaths.check(input, expecting: "an input", folders: true)
        }
    }

    /// A data file's examples for `model`; a CSV file whose columns are exactly the model's
    /// inputs is read without a label column.
    static func dataFile(_ input: String, model: SavedModel, csv: CSVOptions) throws(BackpropError) -> Dataset<Double> {
        let data = try Dataset<Double>.load(source: input, csv: csv)
        guard csv.label == .last && Dataset<Double>.isCSV(input) && data.featureCount + 1 == model.architecture.inputSize else { return data }
        var featuresOnly = csv
        featuresOnly.label = .none
        return try Dataset<Double>.load(source: input, csv: featuresOnly)
    }

    /// The indices `0..<count` without `skipped` (increasing), in order.
    static func keptIndices(count: Int, skipping skipped: [Int]) -> [Int] {
        guard !skipped.isEmpty else { return Array(0..<count) }
        let left = Set(skipped)
        return (0..<count).filter { !left.contains($0) }
    }

    /// The class and probability for one example's outputs.
    static func prediction(for values: [Double], input: String, model: SavedModel) -> ModelPrediction {
        guard model.architecture.loss != .meanSquaredError else {
            return ModelPrediction(input: input, file: input, index: nil, classIndex: nil, className: nil, probability: nil, outputs: values)
        }
        let index: Int
        let probability: Double
        if values.count == 1 {
            index = values[0] > 0.5 ? 1 : 0
            probability = index == 1 ? values[0] : 1 - values[0]
        } else {
            index = values.indices.max { values[$0] < values[$1] } ?? 0
            probability = values[index]
        }
        return ModelPrediction(input: input, file: input, index: nil, classIndex: index, className: model.info.className(index),
                               probability: probability, outputs: values)
    }

    /// An image file as one example column for `model`: converted to the model's channel
    /// count, resized (area averaging) to its height and width, flattened in row, column,
    /// channel order and scaled to [0, 1].
    ///
    /// - Throws: ``BackpropError`` `.badInput` when the model has no image input shape, or the
    ///   file cannot be decoded.
    public static func imageColumn(_ path: String, model: SavedModel) throws(BackpropError) -> Matrix<Double> {
        guard let shape = model.info.inputShape, shape.count == 3 else {
            throw BackpropError(.badInput, "\(path): the model's input is \(model.architecture.inputSize) features, not an image",
                                hint: "predict on a data file with \(model.architecture.inputSize) features per example")
        }
        do {
            let image = try ImageFile.read(path: path, fitting: ImageShape(width: shape[1], height: shape[0], channels: shape[2]))
            return image.column(as: Double.self)
        } catch {
            throw BackpropError(error)
        }
    }

    /// The predictions as JSON lines, one object per input: input, class, class_name,
    /// probability, outputs.
    public var json: String {
        struct Output: Encodable {
            var input: String, `class`: Int?, class_name: String?, probability: Double?, outputs: [Double]
        }
        return ModelFile.jsonText(Output(input: input, class: classIndex, class_name: className, probability: probability, outputs: outputs))
    }
}
