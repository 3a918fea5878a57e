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
    /// paths are data files (``Dataset/load(source:x:y:seed:csv:)``), one prediction per example. The model's
    /// ``ModelInfo/scaler`` is applied to every input (``TrainedModel/outputs(_:)``).
    ///
    /// A CSV file read with the default label column (the last) whose columns are exactly the
    /// model's inputs has no label column, and is read as features only.
    ///
    /// - Parameters:
    ///   - model: the model.
    ///   - inputs: image and data file paths.
    ///   - csv: how CSV data files are read.
    /// - Throws: ``BackpropError`` `.badInput` for a missing or unreadable input, or inputs
    ///   that do not fit the model (an image for a model without an image input shape).
    public static func predict(model: SavedModel, inputs: [String], csv: CSVOptions = CSVOptions()) throws(BackpropError) -> [ModelPrediction] {
        var results: [ModelPrediction] = []
        for input in inputs {
            var data: Dataset<Double>
            let isImage = ImageFile.extensions.contains(fileExtension(input))
            if isImage {
                data = Dataset(X: try imageColumn(input, model: model), labels: nil, source: input)
            } else {
                data = try Dataset<Double>.load(source: input, csv: csv)
                if csv.label == .last && Dataset<Double>.isCSV(input) && data.featureCount + 1 == model.architecture.inputSize {
                    var featuresOnly = csv
                    featuresOnly.label = .none
                    data = try Dataset<Double>.load(source: input, csv: featuresOnly)
                }
            }
            try ModelEvaluation.checkFeatures(model, data)
            let outputs = model.outputs(data.X)
            for column in 0..<outputs.columns {
                let values = (0..<outputs.rows).map { outputs[$0, column] }
                let name = data.count == 1 ? input : "\(input) #\(column)"
                var result = prediction(for: values, input: name, model: model)
                result.file = input
                result.index = isImage ? nil : column
                results.append(result)
            }
        }
        return results
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
