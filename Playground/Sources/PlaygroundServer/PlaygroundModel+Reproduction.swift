import Backprop

/// How to run the playground's current set-up without the playground: its data as CSV files,
/// the `backprop train` command line and the Swift code that train the same network on them,
/// and the trained model as a safetensors file.
extension PlaygroundModel {
    /// The ε of the gradient check's centred differences.
    public static let gradientCheckEpsilon = 1e-5
    /// The number of examples the gradient check uses.
    public static let gradientCheckExamples = 32

    /// The file names the page downloads the data under.
    public static let trainFileName = "playground-train.csv", testFileName = "playground-test.csv"

    /// A data set as CSV: a header of the feature names and `label`, then one row per example
    /// (the features the network sees, then the label).
    public func csv(set: String) -> String {
        let (X, labels) = set == "test" ? (testX, test.labels) : (trainX, train.labels)
        var lines = [(settings.features.map(\.rawValue) + ["label"]).joined(separator: ",")]
        for c in 0..<X.columns {
            let label = settings.dataSet.isClassification ? "\(Int(labels[0, c]))" : "\(labels[0, c])"
            lines.append(((0..<X.rows).map { "\(X[$0, c])" } + [label]).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The layer sizes, input first: 2,8,8,2.
    var layerSizes: String { network.architecture.layerDims.map(String.init).joined(separator: ",") }

    /// The `backprop train` command that trains this network on the downloaded CSV files for
    /// as many epochs as the playground has run (at least one).
    public func commandLine() -> String {
        let classification = settings.dataSet.isClassification
        var words = [
            "backprop train --data \(Self.trainFileName) --test \(Self.testFileName)",
            "--layers \(layerSizes) --hidden-activation \(settings.hiddenActivation.name)",
            "--output-activation \(classification ? "softmax" : "identity") --loss \(network.loss.name)",
            "--init xavier-normal --seed \(settings.seed) --optimizer \(settings.optimizer) --learning-rate \(settings.learningRate)",
            "--batch-size \(settings.batchSize) --epochs \(max(epoch, 1)) --dtype float64 --save playground-model.safetensors",
        ]
        if settings.l2 > 0 { words.append("--l2 \(settings.l2)") }
        var text = words.joined(separator: " \\\n    ")
        if settings.l1 > 0 { text = "# L1 is the playground's own (backprop has L2 only): this command trains without it.\n" + text }
        return text
    }

    /// Swift code (Backprop's API) that trains this network on the downloaded CSV files.
    public func swiftCode() -> String {
        let layers = (network.architecture.layers.map { "LayerSpec(units: \($0.units), activation: \(activationLiteral($0.activation)))" })
            .joined(separator: ",\n    ")
        let optimizer = ["gd": ".gradientDescent", "momentum": ".momentum()", "rmsprop": ".rmsProp()", "adam": ".adam()"][settings.optimizer] ?? ".adam()"
        return """
        import Backprop

        let train = try Dataset<Double>.load(path: "\(Self.trainFileName)")
        let test = try Dataset<Double>.load(path: "\(Self.testFileName)")
        var network = try Network<Double>(inputSize: \(settings.features.count), layers: [
            \(layers),
        ], loss: .\(network.loss == .meanSquaredError ? "meanSquaredError" : "categoricalCrossEntropy"), initializer: .xavierNormal, seed: \(settings.seed))
        let options = TrainingOptions(learningRate: \(settings.learningRate), epochs: \(max(epoch, 1)), batchSize: \(settings.batchSize),
                                      seed: \(settings.seed), lambda: \(settings.l2), optimizer: \(optimizer))
        _ = try network.train(X: train.X, labels: train.labels!, options: options)
        print("test cost:", try network.cost(X: test.X, labels: test.labels!))\(settings.l1 > 0 ? "\n// L1 is the playground's own (Backprop has L2 only): this code trains without it." : "")
        """
    }

    func activationLiteral(_ activation: Activation) -> String {
        switch activation {
        case .relu: ".relu"
        case .tanh: ".tanh"
        case .sigmoid: ".sigmoid"
        case .softmax: ".softmax"
        default: ".identity"
        }
    }

    /// The trained model as a safetensors file (Backprop's ``ModelFile``), its metadata naming
    /// the playground's data set and features.
    public func modelFile() -> [UInt8] {
        let info = ModelInfo(
            classNames: settings.dataSet.isClassification ? ["0", "1"] : [],
            training: ["playground_data": settings.dataSet.rawValue, "playground_features": settings.features.map(\.rawValue).joined(separator: ","),
                       "learning_rate": "\(settings.learningRate)", "optimizer": settings.optimizer,
                       "steps": "\(step)", "epochs": "\(epoch)"])
        return ModelFile.encode(TrainedModel(network: network, info: info)).encoded()
    }

    /// Backprop's gradient check (``gradientCheck(network:X:labels:lambda:epsilon:gradients:)``)
    /// on the ``gradientCheckExamples`` examples, training and test, with the highest loss, with
    /// the L2 term (the L1 term is the playground's own and is not checked). On a trained
    /// network the well-fitted examples have gradients near 10⁻⁹, which finite differences
    /// cannot resolve; the worst-fitted ones keep the check meaningful. ε = 10⁻⁵ rather than
    /// the course's 10⁻⁷ for the same reason: at 10⁻⁷ the rounding of the cost differences
    /// (about 10⁻¹⁶ · J / ε) dominates small gradients.
    public func gradientCheckResult() throws(PlaygroundError) -> GradientCheckResult {
        let (X, labels) = worstFittedExamples(count: Self.gradientCheckExamples)
        do {
            return try gradientCheck(network: network, X: X, labels: labels, lambda: settings.l2, epsilon: Self.gradientCheckEpsilon)
        } catch {
            throw PlaygroundError("gradient check: \(error)")
        }
    }

    /// The `count` examples of the training and test sets with the highest cost (Backprop's
    /// ``Network/cost(X:labels:lambda:numerics:)`` of each alone), as X (n_0, count) and labels.
    func worstFittedExamples(count: Int) -> (X: Matrix<Double>, labels: Matrix<Double>) {
        let sets = [(trainX, train.labels), (testX, test.labels)]
        let scored = sets.indices.flatMap { s in
            (0..<sets[s].0.columns).map { c in
                (s, c, (try? network.cost(X: sets[s].0.columns(at: [c]), labels: sets[s].1.columns(at: [c]))) ?? 0)
            }
        }
        let chosen = Array(scored.sorted { $0.2 > $1.2 }.prefix(count))
        let X = Matrix<Double>(rows: trainX.rows, columns: chosen.count) { r, j in sets[chosen[j].0].0[r, chosen[j].1] }
        let labels = Matrix<Double>(rows: 1, columns: chosen.count) { _, j in sets[chosen[j].0].1[0, chosen[j].1] }
        return (X, labels)
    }
}
