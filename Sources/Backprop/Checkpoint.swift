/// A training checkpoint: a model file (``ModelFile``) plus what resuming needs.
///
/// Besides the model's tensors and metadata it holds, under names a PyTorch
/// `load_state_dict(strict=False)` ignores:
/// - `optimizer.<name>` — the optimiser's moments (``OptimizerState/namedTensors``, for example
///   `optimizer.adam.v.W1`), in the model's precision;
/// - `checkpoint.costs` — (2, k) float64: recorded iterations and their costs, for the plot;
/// - metadata `checkpoint.<key>` — the counters of ``TrainingState/exported`` (epoch,
///   iteration, optimizer step, early-stopping state).
///
/// Written atomically, like every model file: an interrupted save leaves the previous
/// checkpoint intact.
public enum Checkpoint {
    /// The content of a checkpoint.
    public static func encode<T: MatrixScalar>(
        model: TrainedModel<T>, state: TrainingState<T>, costs: [(iteration: Int, cost: Double)]
    ) -> SafeTensorsFile {
        var file = ModelFile.encode(model)
        let exported = state.exported
        for name in exported.tensors.keys.sorted() {
            file.tensors.append(SafeTensor(name: "optimizer." + name, matrix: exported.tensors[name]!))
        }
        file.tensors.append(SafeTensor(name: "checkpoint.costs", shape: [2, costs.count],
                                       values: costs.map { Double($0.iteration) } + costs.map(\.cost)))
        for (key, value) in exported.metadata { file.metadata["checkpoint." + key] = value }
        return file
    }

    /// Writes a checkpoint atomically.
    ///
    /// - Throws: ``BackpropError`` (`.io`/`.badInput`) naming `path`.
    public static func write<T: MatrixScalar>(
        model: TrainedModel<T>, state: TrainingState<T>, costs: [(iteration: Int, cost: Double)], to path: String
    ) throws(BackpropError) {
        do { try encode(model: model, state: state, costs: costs).write(to: path) } catch { throw BackpropError(error) }
    }

    /// A checkpoint read back: the model, the training state and the recorded costs.
    ///
    /// - Parameters:
    ///   - path: the checkpoint file.
    ///   - optimizer: the optimiser of the run being resumed (must be the saved one).
    ///   - type: the precision of the run being resumed (must be the saved one).
    /// - Throws: ``BackpropError`` `.badInput` for a file that is not a checkpoint of this
    ///   precision and optimiser, or any model-file error.
    public static func read<T: MatrixScalar>(
        _ path: String, optimizer: Optimizer, as type: T.Type
    ) throws(BackpropError) -> (model: TrainedModel<T>, state: TrainingState<T>, costs: [(iteration: Int, cost: Double)]) {
        let content: SafeTensorsFile
        let saved: SavedModel
        do {
            content = try SafeTensorsFile.read(path)
            saved = try ModelFile.decode(content, file: path)
        } catch {
            throw BackpropError(error)
        }
        let model: TrainedModel<T>
        switch saved {
        case .float32(let m as TrainedModel<T>): model = m
        case .float64(let m as TrainedModel<T>): model = m
        default:
            throw BackpropError(.badInput, "\(path) holds a \(saved.dtypeName) model; this run uses \(T.self == Double.self ? "float64" : "float32")",
                                hint: "resume with --dtype \(saved.dtypeName)")
        }
        guard content.metadata["checkpoint.iteration"] != nil else {
            throw BackpropError(.badInput, "\(path) is a model file, not a checkpoint (no training state)",
                                hint: "resume from the file written by --checkpoint-every")
        }
        var tensors: [String: Matrix<T>] = [:]
        var metadata: [String: String] = [:]
        do {
            for tensor in content.tensors where tensor.name.hasPrefix("optimizer.") {
                tensors[String(tensor.name.dropFirst("optimizer.".count))] = try tensor.matrix(T.self)
            }
        } catch {
            throw BackpropError(error)
        }
        for (key, value) in content.metadata where key.hasPrefix("checkpoint.") { metadata[String(key.dropFirst("checkpoint.".count))] = value }
        let state: TrainingState<T>
        do {
            state = try TrainingState(optimizer: optimizer, parameters: model.network.parameters, tensors: tensors, metadata: metadata)
        } catch {
            throw BackpropError(.badInput, "\(path): \(error.description)", hint: "resume with the same command line the checkpoint was written by")
        }
        var costs: [(iteration: Int, cost: Double)] = []
        if let recorded = content["checkpoint.costs"], recorded.shape.count == 2, recorded.shape[0] == 2, let values = try? recorded.doubles() {
            let k = recorded.shape[1]
            for i in 0..<k {
                // Iteration numbers come from the file: a NaN or a fraction is damage, not a trap.
                guard let iteration = Int(exactly: values[i]), iteration >= 0 else {
                    throw BackpropError(.badInput, "\(path): checkpoint.costs holds \(values[i]) where an iteration number belongs",
                                        hint: "the checkpoint is damaged; resume from an earlier one or start again")
                }
                costs.append((iteration, values[k + i]))
            }
        }
        return (model, state, costs)
    }
}
