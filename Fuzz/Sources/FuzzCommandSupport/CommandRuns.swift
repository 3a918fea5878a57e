import Backprop

/// The command paths the command harnesses run, shared with the test suite's replay of
/// `Fuzz/Regressions/FuzzTrainCommand/` and `…/FuzzInferenceCommand/` (the test target compiles
/// this file through a symbolic link, so the replay runs exactly what the fuzzer ran).
public enum CommandRuns {
    /// The memory budget the harnesses run under: small, so that anything sized from a header,
    /// a label or a shape without a check against it shows up as an out-of-memory finding
    /// (run.sh's `-rss_limit_mb` is 2048).
    public static let budget = MemoryBudget(bytes: 64 << 20)

    /// `backprop train --data FILE` end to end, without the command line: the data file is
    /// written to a scratch file of its kind, loaded as `train` loads `--data`, checked, the
    /// network built from it (default layers n, 20, 7, 5, outputs) and trained for one iteration
    /// (options bit 0: one epoch of mini-batches of 4 instead; bit 1: float64; bit 2:
    /// standardised features), on one thread, under ``budget``.
    ///
    /// - Returns: the error the command would report, nil when it succeeded.
    public static func train(_ input: CommandInput) -> BackpropError? {
        guard let path = input.writeData() else { return nil }
        defer { input.removeFiles() }
        var configuration = TrainingConfiguration()
        configuration.data = path
        let miniBatches = input.options & 1 != 0
        configuration.iterations = miniBatches ? nil : 1
        configuration.epochs = miniBatches ? 1 : nil
        configuration.batchSize = miniBatches ? 4 : nil
        configuration.precision = input.options & 2 == 0 ? .float32 : .float64
        configuration.scaling = input.options & 4 == 0 ? nil : .standardize
        configuration.threads = 1
        let session = TrainingSession(configuration: configuration, modelPath: nil, plotPath: nil, logPath: nil)
        return MemoryBudget.$current.withValue(budget) { () -> BackpropError? in
            do {
                _ = try session.run()
                return nil
            } catch {
                return BackpropError(error)
            }
        }
    }

    /// `backprop evaluate --model M --data FILE` then `backprop predict --model M FILE`, without
    /// the command line: the model is loaded as `--model` loads it, evaluated on the data and
    /// used to predict it (options bit 0: bad examples skipped instead of refused), under ``budget``.
    ///
    /// - Returns: the first error a command would report, nil when both succeeded.
    public static func inference(_ input: CommandInput) -> BackpropError? {
        guard let path = input.writeData(), let modelPath = input.writeModel() else { return nil }
        defer { input.removeFiles() }
        let policy: BadExamplePolicy = input.options & 1 == 0 ? .refuse : .skip
        return MemoryBudget.$current.withValue(budget) { () -> BackpropError? in
            do {
                let model: SavedModel
                do { model = try ModelFile.read(modelPath) } catch { throw BackpropError(error) }
                let failure: BackpropError?
                do {
                    _ = try EvaluationReport(model: model, data: Dataset<Double>.load(source: path), badExamples: policy)
                    failure = nil
                } catch {
                    failure = BackpropError(error)
                }
                _ = try ModelPrediction.predictions(model: model, inputs: [path], badExamples: policy)
                return failure
            } catch {
                return BackpropError(error)
            }
        }
    }
}
