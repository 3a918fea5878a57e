import Backprop

/// The lines `backprop train` prints.
enum TrainingText {
    static func data(_ label: String, _ data: Dataset<Double>) -> String {
        var text = "\(label): \(data.source): \(data.count) examples, \(data.featureCount) features"
        if let shape = data.inputShape { text += " (images \(shape.map(String.init).joined(separator: "×")))" }
        if data.hasClassLabels {
            text += ", \(data.classCount) classes"
            if !data.classNames.isEmpty {
                let shown = data.classNames.prefix(12).joined(separator: ", ")
                text += " (\(shown)\(data.classNames.count > 12 ? ", …" : ""))"
            }
        }
        return text
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

    /// The course's line: `Cost after iteration 100: 0.6720532333339731`.
    static func costLine(_ progress: TrainingProgress) -> String {
        if progress.totalEpochs != progress.totalIterations {
            return "Cost after epoch \(progress.epoch) (iteration \(progress.iteration)): \(progress.costText)"
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
