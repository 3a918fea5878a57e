/// The model pictures of `backprop train --boundary` and `backprop evaluate --boundary/--mislabeled`.
public enum ModelPlots {
    /// Draws the decision regions of a model with 2 inputs over its data (the course's
    /// `plot_decision_boundary`), to `.svg` or `.png`, `size` large (nil: 1120 × 960 for PNG,
    /// 560 × 480 for SVG).
    ///
    /// - Throws: ``BackpropError`` `.badInput` when the model does not take 2 features or the data
    ///   have no class labels; `.io` when the file cannot be written.
    public static func decisionBoundary(model: SavedModel, data: Dataset<Double>, title: String, size: PlotSize? = nil,
                                        to path: String) throws(BackpropError) {
        guard model.architecture.inputSize == 2, data.featureCount == 2 else {
            throw BackpropError(.badInput, "--boundary: a decision boundary needs 2 input features; the model has \(model.architecture.inputSize)",
                                hint: "draw boundaries for 2-D data such as --data flower or spirals")
        }
        guard data.labels != nil else {
            throw BackpropError(.badInput, "--boundary: \(data.source) has no labels to colour the points", hint: "use labelled data")
        }
        let x = (0..<data.count).map { data.X[0, $0] }
        let y = (0..<data.count).map { data.X[1, $0] }
        let plot = DecisionBoundaryPlot(
            title: title, x: x, y: y, labels: data.classIndices,
            classNames: model.info.classNames.isEmpty ? data.classNames : model.info.classNames, resolution: 150
        ) { xs, ys in
            let outputs = model.outputs(Matrix(rows: 2, columns: xs.count, elements: xs + ys))
            return (0..<outputs.columns).map { column in
                ModelPrediction.prediction(for: (0..<outputs.rows).map { outputs[$0, column] }, input: "", model: model).classIndex ?? 0
            }
        }
        do { try plot.write(to: path, size: size) } catch { throw BackpropError(error) }
    }

    /// Draws the examples the model gets wrong (at most `limit`) with their predicted and true
    /// classes (the course's `print_mislabeled_images`), to `.svg` or `.png`, `size` large (nil:
    /// the images at 2×).
    ///
    /// - Returns: the number of mislabelled examples.
    /// - Throws: ``BackpropError`` `.badInput` when the model has no image input shape (height,
    ///   width, 1 or 3 channels) or the data have no labels; `.io` when the file cannot be written.
    @discardableResult
    public static func mislabeled(model: SavedModel, data: Dataset<Double>, limit: Int = 20, size: PlotSize? = nil,
                                  to path: String) throws(BackpropError) -> Int {
        guard let shape = model.info.inputShape ?? data.inputShape, shape.count == 3, [1, 3].contains(shape[2]),
              shape.reduce(1, *) == data.featureCount else {
            throw BackpropError(.badInput, "--mislabeled: the model's input is not an image (no height × width × channels shape)",
                                hint: "draw mislabelled images for image models such as the course's cat classifier")
        }
        guard data.labels != nil else {
            throw BackpropError(.badInput, "--mislabeled: \(data.source) has no labels", hint: "use labelled data")
        }
        let outputs = model.outputs(data.X)
        let predicted = (0..<outputs.columns).map { column in
            ModelPrediction.prediction(for: (0..<outputs.rows).map { outputs[$0, column] }, input: "", model: model).classIndex ?? 0
        }
        let actual = data.classIndices
        let images = (0..<data.count).map { column in
            Image(width: shape[1], height: shape[0], channels: shape[2] == 1 ? 1 : 3,
                  samples: (0..<data.featureCount).map { UInt8(max(0, min(255, (data.X[$0, column] * 255).rounded()))) })
        }
        let names = model.info.classNames.isEmpty ? data.classNames : model.info.classNames
        let grid = ImageGrid.mislabeled(images: images, predicted: predicted, actual: actual, classNames: names, limit: limit)
        let wrong = zip(predicted, actual).filter { $0 != $1 }.count
        guard wrong > 0 else { return 0 }
        do { try grid.write(to: path, size: size) } catch { throw BackpropError(error) }
        return wrong
    }
}
