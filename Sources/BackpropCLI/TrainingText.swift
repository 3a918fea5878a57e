import Backprop

/// The lines `backprop train` prints.
enum TrainingText {
    /// "Data: train_catvnoncat.h5 (train_set_x, train_set_y): 209 examples, 12288 features (images
    /// 64×64×3), 2 classes (non-cat, cat)"; `featureCount` and `inputShape` override the data's
    /// (streamed data come as their labels alone).
    static func data(_ label: String, _ data: Dataset<Double>, featureCount: Int? = nil, inputShape: [Int]? = nil) -> String {
        var text = "\(label): \(data.source): \(data.count) examples, \(featureCount ?? data.featureCount) features"
        if let shape = inputShape ?? data.inputShape { text += " (images \(shape.map(String.init).joined(separator: "×")))" }
        if data.hasClassLabels {
            text += ", \(data.classCount) classes"
            if !data.classNames.isEmpty {
                let shown = data.classNames.prefix(12).joined(separator: ", ")
                text += " (\(shown)\(data.classNames.count > 12 ? ", …" : ""))"
            }
        }
        return text
    }

    /// "Data: x.npy (x), y.npy (y): 1369569 examples, 784 features, 10 classes (…); streamed
    /// from disk (--stream), 4.0 GiB".
    static func streamedData(_ data: StreamedDataset, reason: String) -> String {
        self.data("Data", data.labelsOnly, featureCount: data.featureCount, inputShape: data.inputShape)
            + "; streamed from disk (\(reason)), \(MemoryBudget.format(bytes: data.storedBytes))"
    }

    static func network(_ architecture: NetworkArchitecture, precision: TrainingConfiguration.Precision) -> String {
        let layers = architecture.layers.map { "\($0.units) \($0.activation.name)" }.joined(separator: " → ")
        return "Network: \(architecture.inputSize) → \(layers); \(architecture.loss.name); \(architecture.parameterCount) parameters; \(precision.rawValue)"
    }

    static func options(_ options: TrainingOptions, totalIterations: Int, resumedAt: Int, initializer: Initializer) -> String {
        var text = "Training: \(options.optimizer.name), learning rate \(options.learningRate), "
        if let batchSize = options.batchSize {
            text += "\(options.epochs) epochs of mini-batches of \(batchSize) (\(totalIterations) iterations)"
        } else {
            text += "\(totalIterations) iterations (full batch)"
        }
        text += ", init \(initializer.name), seed \(options.seed)"
        if options.lambda > 0 { text += ", L2 \(options.lambda)" }
        if options.keepProbability < 1 { text += ", dropout keep \(options.keepProbability)" }
        if options.numerics == .course { text += ", course numerics" }
        if resumedAt > 0 { text += "; resumed at iteration \(resumedAt)" }
        return text
    }

    /// What the course's settings chose, when they are in force (`--course`, or a course
    /// `--init` without `--optimizer`): nil otherwise.
    static func courseSettings(_ configuration: TrainingConfiguration, preset: Bool) -> String? {
        guard configuration.usesCourseScheme, configuration.optimizer == nil || configuration.optimizer == .gradientDescent else { return nil }
        let source = preset ? "--course" : "--init \(configuration.initializer.name)"
        let rate = configuration.learningRate.map { "learning rate \($0) (given)" } ?? "the course's learning rate 0.0075"
        return "Course settings (\(source)): plain gradient descent, \(rate), NumPy's random draws for the weights, "
            + "the course's cost formulas, \(configuration.precision.rawValue)"
    }

    /// The share of the most common class in `data`'s labels; nil without class labels.
    static func majorityShare(_ data: Dataset<Double>) -> Double? {
        guard data.hasClassLabels || (data.labels?.rows ?? 0) > 1, data.count > 0 else { return nil }
        let counts = data.classIndices.reduce(into: [Int: Int]()) { $0[$1, default: 0] += 1 }
        return Double(counts.values.max() ?? 0) / Double(data.count)
    }

    /// A hint when training ended no better than chance: the train accuracy at most the share
    /// of the most common class (+1 point), with what to try given `configuration`; nil otherwise.
    ///
    /// - Parameters:
    ///   - accuracy: the train accuracy, in [0, 1].
    ///   - majorityShare: the share of the most common class in the training labels.
    static func chanceHint(accuracy: Double?, majorityShare: Double?, configuration: TrainingConfiguration, streamed: Bool = false) -> String? {
        guard let accuracy, let majorityShare, accuracy <= majorityShare + 0.01 else { return nil }
        var tries: [String] = []
        if configuration.scaling == nil && !streamed { tries.append("--standardize") }
        if configuration.optimizer ?? configuration.defaultOptimizer == .gradientDescent { tries.append("--optimizer adam") }
        tries.append("another --learning-rate")
        tries.append(configuration.batchSize == nil ? "more --iterations" : "more --epochs")
        return "hint: the train accuracy is at chance (always answering the most common class scores \(TrainingProgress.fixed(majorityShare, 2))); "
            + "try " + tries.joined(separator: ", ")
    }

    /// The course's line: `Cost after iteration 100: 0.6720532333339731`.
    static func costLine(_ progress: TrainingProgress) -> String {
        if progress.totalEpochs != progress.totalIterations {
            let rates = progress.throughput.map { " (\($0.text))" } ?? ""
            return "Cost after epoch \(progress.epoch) (iteration \(progress.iteration)): \(progress.costText)\(rates)"
        }
        return "Cost after iteration \(progress.iteration): \(progress.costText)"
    }

    /// `Trained 2500 iterations in 0.28 s (8919.0 iterations/s)`; a resumed run counts the
    /// iterations of this process and says where it resumed. The rate is left out when it
    /// would divide by nothing: no iteration trained, or a time that shows as 0.00 s.
    static func trained(_ summary: TrainingSummary) -> String {
        let done = summary.iterationsThisRun, resumedAt = summary.iterations - done
        var text = "Trained \(done) iterations"
        if resumedAt > 0 { text += " (resumed at iteration \(resumedAt), \(summary.iterations) in all)" }
        text += " in \(TrainingProgress.fixed(summary.elapsed, 2)) s"
        if done > 0 && summary.elapsed >= 0.005 {
            text += " (\(TrainingProgress.fixed(Double(done) / summary.elapsed, 1)) iterations/s)"
        }
        return text
    }

    static func summary(_ summary: TrainingSummary, modelPath: String?, plotPath: String?, logPath: String?) -> String {
        var lines: [String] = []
        func metrics(_ label: String, _ value: EvaluationMetrics, _ counts: (correct: Int, total: Int)?) {
            var line = "\(label) accuracy: " + (value.accuracy.map { "\($0)" } ?? "n/a")
            if let counts { line += " (\(counts.correct) of \(counts.total))" }
            line += ", cost \(TrainingProgress.fixed(value.cost, 6))"
            lines.append(line)
        }
        metrics("Train", summary.train, summary.trainCorrect)
        if let test = summary.test { metrics("Test", test, summary.testCorrect) }
        lines.append(trained(summary))
        if case .earlyStopping(let epoch) = summary.stopReason { lines.append("Stopped early after epoch \(epoch)") }
        if let modelPath {
            lines.append("Saved the model to \(modelPath)  (try: backprop predict --model \(modelPath) <data or image>; backprop inspect \(modelPath))")
        }
        if let plotPath { lines.append("Wrote the cost plot to \(plotPath)") }
        if let logPath { lines.append("Wrote the log to \(logPath)") }
        return lines.joined(separator: "\n")
    }
}
