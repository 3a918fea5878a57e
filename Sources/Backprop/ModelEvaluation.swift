/// The result of `backprop evaluate`: cost, accuracy and confusion matrix of a model on data.
public struct EvaluationReport: Sendable, Equatable {
    /// The data's description.
    public var source: String
    /// m, the number of examples.
    public var examples: Int
    /// The loss on the data (no L2 term, no dropout).
    public var cost: Double
    /// The fraction classified correctly; nil for regression (mean squared error).
    public var accuracy: Double?
    /// Correctly classified examples.
    public var correct: Int?
    /// Rows: true class; columns: predicted class (nil for regression).
    public var confusion: ConfusionMatrix?
    /// The class names, index 0 first (the model's, else the data's, else indices).
    public var classNames: [String]

    /// Evaluates `model` on `data`.
    ///
    /// - Throws: ``BackpropError`` `.badInput` when the data have no labels, another number of
    ///   features than the model's input, or labels that do not fit the model's loss.
    public init(model: SavedModel, data: Dataset<Double>) throws(BackpropError) {
        guard let labels = data.labels else {
            throw BackpropError(.badInput, "\(data.source) has no labels to evaluate against", hint: "use `backprop predict` for unlabelled inputs")
        }
        try ModelEvaluation.checkFeatures(model, data)
        let metrics: EvaluationMetrics
        let predicted: [Int]
        do {
            switch model {
            case .float32(let m):
                let X = model.prepared(data.X, as: Float.self)
                metrics = try m.network.evaluate(X: X, labels: labels.converted(to: Float.self))
                predicted = m.network.predictClasses(X)
            case .float64(let m):
                let X = model.prepared(data.X, as: Double.self)
                metrics = try m.network.evaluate(X: X, labels: labels)
                predicted = m.network.predictClasses(X)
            }
        } catch {
            throw BackpropError(.badInput, "\(data.source): \(error.description)", hint: "evaluate on data labelled like the training data")
        }
        source = data.source
        examples = data.count
        cost = metrics.cost
        accuracy = metrics.accuracy
        correct = metrics.accuracy.map { Int(($0 * Double(data.count)).rounded()) }
        let names = model.info.classNames.isEmpty ? data.classNames : model.info.classNames
        if model.architecture.loss != .meanSquaredError {
            let count = max(model.architecture.outputCount == 1 ? 2 : model.architecture.outputCount, names.count)
            confusion = try? ConfusionMatrix(predicted: predicted, labels: data.classIndices, classCount: count)
        }
        classNames = names
    }

    /// The report as a JSON object (`--json`): source, examples, cost, accuracy, correct,
    /// class_names, confusion_matrix (rows: true class).
    public var json: String {
        struct Output: Encodable {
            var source: String, examples: Int, cost: Double, accuracy: Double?, correct: Int?
            var class_names: [String], confusion_matrix: [[Int]]?
        }
        return ModelFile.jsonText(Output(source: source, examples: examples, cost: cost, accuracy: accuracy, correct: correct,
                                         class_names: classNames, confusion_matrix: confusion?.counts))
    }
}

/// Checks shared by evaluation and prediction.
enum ModelEvaluation {
    /// - Throws: ``BackpropError`` `.badInput` when the data's feature count is not the model's input size.
    static func checkFeatures(_ model: SavedModel, _ data: Dataset<Double>) throws(BackpropError) {
        let expected = model.architecture.inputSize
        guard data.featureCount == expected else {
            throw BackpropError(.badInput, "\(data.source) has \(data.featureCount) features per example, the model expects \(expected)",
                                hint: "use data of the kind the model was trained on")
        }
    }
}
