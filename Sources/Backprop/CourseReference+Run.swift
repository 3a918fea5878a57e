extension CourseReference {
    /// What one run of a course model gives: every recorded cost and the correct predictions
    /// on the training and test images.
    public struct Run: Sendable {
        /// The costs at iterations 0, 100, …, 2400 and the last.
        public var costs: [CostRecord<Double>]
        /// Correctly classified training images, and their number (209).
        public var trainCorrect: (correct: Int, total: Int)
        /// Correctly classified test images, and their number (50).
        public var testCorrect: (correct: Int, total: Int)

        /// The differences from the published numbers (``mismatches(model:costs:trainCorrect:testCorrect:)``).
        public func mismatches(_ model: Model) -> [String] {
            CourseReference.mismatches(model: model, costs: costs.map { ($0.iteration, $0.cost) },
                                       trainCorrect: trainCorrect.correct, testCorrect: testCorrect.correct)
        }
    }

    /// Trains `model` exactly as the course does (float64, seed 1, learning rate 0.0075, 2500
    /// iterations of full-batch gradient descent: `two_layer_model` or `L_layer_model`) on the
    /// cat images, and counts the correct predictions (`predict`).
    ///
    /// - Parameters:
    ///   - model: which of the two models.
    ///   - cats: `Dataset/catImages(folder:)`: X (12288, m) and labels (1, m).
    ///   - onCost: called with every recorded cost as training goes.
    /// - Throws: ``BackpropError`` `.badInput` when the data do not fit the model (not
    ///   12288 features, no labels).
    public static func run(
        _ model: Model, cats: (train: Dataset<Double>, test: Dataset<Double>), onCost: (CostRecord<Double>) -> Void = { _ in }
    ) throws(BackpropError) -> Run {
        guard let trainY = cats.train.labels, let testY = cats.test.labels else {
            throw BackpropError(.badInput, "\(cats.train.source): the course's models need labelled images", hint: "use the course's train_catvnoncat.h5 and test_catvnoncat.h5")
        }
        let options = CourseTrainingOptions()
        let result: (parameters: Parameters<Double>, costs: [CostRecord<Double>])
        do {
            switch model {
            case .twoLayer:
                result = try twoLayerModel(X: cats.train.X, Y: trainY, layerDims: (12288, 7, 1), options: options, onCost: onCost)
            case .lLayer:
                result = try lLayerModel(X: cats.train.X, Y: trainY, layerDims: model.layerDims, options: options, onCost: onCost)
            }
        } catch {
            throw BackpropError(error)
        }
        func correct(_ X: Matrix<Double>, _ Y: Matrix<Double>) -> (Int, Int) {
            (zip(predict(X: X, parameters: result.parameters).elements, Y.elements).filter { $0 == $1 }.count, Y.columns)
        }
        return Run(costs: result.costs, trainCorrect: correct(cats.train.X, trainY), testCorrect: correct(cats.test.X, testY))
    }
}
