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

    /// The examples left out for NaN or infinite features (with ``BadExamplePolicy/skip``).
    public var skipped = SkippedExamples(source: "", indices: [], total: 0)

    /// Evaluates `model` on `data`; examples with NaN or infinite features are refused, or left
    /// out under ``BadExamplePolicy/skip`` (listed in ``skipped``).
    ///
    /// - Throws: ``BackpropError`` `.badInput` when the data have no labels, another number of
    ///   features than the model's input, a non-finite feature (under `.refuse`), labels that do
    ///   not fit the model's loss, or a non-finite cost.
    public init(model: SavedModel, data loaded: Dataset<Double>, badExamples: BadExamplePolicy = .refuse) throws(BackpropError) {
        try ModelEvaluation.checkFeatures(model, loaded)
        let (data, skipped) = try ModelEvaluation.screen(loaded, policy: badExamples)
        guard let labels = data.labels else {
            throw BackpropError(.badInput, "\(data.source) has no labels to evaluate against", hint: "use `backprop predict` for unlabelled inputs")
        }
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
        try self.init(model: model, source: data.source, metrics: metrics, predicted: predicted, truth: data.classIndices,
                      dataClassNames: data.classNames)
        self.skipped = skipped
    }

    /// The report of `metrics` and the `predicted` classes of examples whose true classes are
    /// `truth`: the correct count and, for classification, the confusion matrix.
    ///
    /// - Throws: ``BackpropError`` `.badInput` for a non-finite cost or a confusion matrix over
    ///   the memory budget.
    init(model: SavedModel, source: String, metrics: EvaluationMetrics, predicted: [Int], truth: [Int],
         dataClassNames: [String]) throws(BackpropError) {
        guard metrics.cost.isFinite else {
            throw BackpropError(.badInput, "\(source): the model's cost on the data is \(metrics.cost)",
                                hint: "check the model file (its parameters or feature scaling may be damaged) and that the features are in the training range")
        }
        self.source = source
        examples = truth.count
        cost = metrics.cost
        accuracy = metrics.accuracy
        correct = metrics.accuracy.map { Int(($0 * Double(truth.count)).rounded()) }
        let names = model.info.classNames.isEmpty ? dataClassNames : model.info.classNames
        if model.architecture.loss != .meanSquaredError {
            let count = max(model.architecture.outputCount == 1 ? 2 : model.architecture.outputCount, names.count)
            do {
                try MemoryBudget.current.check(shape: [count, count], elementSize: MemoryLayout<Int>.size,
                                               for: "\(source): a confusion matrix of \(count) classes")
            } catch {
                throw BackpropError(error)
            }
            confusion = try? ConfusionMatrix(predicted: predicted, labels: truth, classCount: count)
        }
        classNames = names
    }

    /// The report as a JSON object (`--json`): source, examples, cost, accuracy, correct,
    /// class_names, confusion_matrix (rows: true class), and skipped_examples when `--skip-bad-rows` left any out.
    public var json: String {
        struct Output: Encodable {
            var source: String, examples: Int, cost: Double, accuracy: Double?, correct: Int?
            var class_names: [String], confusion_matrix: [[Int]]?, skipped_examples: [Int]?
        }
        return ModelFile.jsonText(Output(source: source, examples: examples, cost: cost, accuracy: accuracy, correct: correct,
                                         class_names: classNames, confusion_matrix: confusion?.counts,
                                         skipped_examples: skipped.indices.isEmpty ? nil : skipped.indices))
    }
}

/// Checks shared by evaluation and prediction.
enum ModelEvaluation {
    /// - Throws: ``BackpropError`` `.badInput` when the data's feature count is not the model's input size.
    static func checkFeatures(_ model: SavedModel, _ data: Dataset<Double>) throws(BackpropError) {
        try checkFeatures(model, count: data.featureCount, source: data.source)
    }

    /// - Throws: ``BackpropError`` `.badInput` when `count` features are not the model's input size.
    static func checkFeatures(_ model: SavedModel, count: Int, source: String) throws(BackpropError) {
        let expected = model.architecture.inputSize
        guard count == expected else {
            throw BackpropError(.badInput, "\(source) has \(count) features per example, the model expects \(expected)",
                                hint: "use data of the kind the model was trained on")
        }
    }
}
