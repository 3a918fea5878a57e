/// A training checkpoint: a model file (``ModelFile``) plus what resuming needs.
///
/// Besides the model's tensors and metadata it holds, under names a PyTorch
/// `load_state_dict(strict=False)` ignores:
/// - `optimizer.<name>` — the optimiser's moments (`OptimizerState/namedTensors`, for example
///   `optimizer.adam.v.W1`), in the model's precision;
/// - `checkpoint.costs` — (2, k) float64: recorded iterations and their costs, for the plot;
/// - metadata `checkpoint.<key>` — the counters of `TrainingState/exported` (epoch,
///   iteration, optimizer step, early-stopping state);
/// - metadata `checkpoint.data.<key>` — the training data's ``DataFingerprint``.
///
/// The run's settings are the model's own `training` record and scaler (``ModelInfo``):
/// `--resume` takes from them what the command line leaves out and refuses what contradicts
/// them (`TrainingConfiguration/resuming(from:)`).
///
/// Written atomically, like every model file: an interrupted save leaves the previous
/// checkpoint intact.
public enum Checkpoint {
    /// The content of a checkpoint.
    ///
    /// - Parameters:
    ///   - model: the network and its settings, as ``ModelFile`` saves them.
    ///   - state: the optimiser state and the counters to resume from.
    ///   - costs: the costs recorded so far, as (iteration, cost) pairs.
    ///   - data: the fingerprint of the training data; nil: none saved.
    public static func encode<T: MatrixScalar>(
        model: TrainedModel<T>, state: TrainingState<T>, costs: [(iteration: Int, cost: Double)], data: DataFingerprint? = nil
    ) -> SafeTensorsFile {
        var file = ModelFile.encode(model)
        let exported = state.exported
        for name in exported.tensors.keys.sorted() {
            file.tensors.append(SafeTensor(name: "optimizer." + name, matrix: exported.tensors[name]!))
        }
        file.tensors.append(SafeTensor(name: "checkpoint.costs", shape: [2, costs.count],
                                       values: costs.map { Double($0.iteration) } + costs.map(\.cost)))
        for (key, value) in exported.metadata.merging(data?.metadata ?? [:], uniquingKeysWith: { a, _ in a }) {
            file.metadata["checkpoint." + key] = value
        }
        return file
    }

    /// Writes a checkpoint atomically.
    ///
    /// - Throws: ``BackpropError`` (`.io`/`.badInput`) naming `path`.
    public static func write<T: MatrixScalar>(
        model: TrainedModel<T>, state: TrainingState<T>, costs: [(iteration: Int, cost: Double)], data: DataFingerprint? = nil,
        to path: String
    ) throws(BackpropError) {
        do { try encode(model: model, state: state, costs: costs, data: data).write(to: path) } catch { throw BackpropError(error) }
    }

    /// A checkpoint read back: the model, the training state and the recorded costs
    /// (``load(_:)`` then ``SavedCheckpoint/restore(optimizer:as:)``).
    ///
    /// - Throws: ``BackpropError``, as those two.
    public static func read<T: MatrixScalar>(
        _ path: String, optimizer: Optimizer, as type: T.Type
    ) throws(BackpropError) -> (model: TrainedModel<T>, state: TrainingState<T>, costs: [(iteration: Int, cost: Double)]) {
        try load(path).restore(optimizer: optimizer, as: type)
    }

    /// Reads a checkpoint file: its model and its metadata, before the run's precision and
    /// optimiser are known.
    ///
    /// - Throws: ``BackpropError`` `.badInput` for a file that is not a checkpoint, or any
    ///   model-file error.
    public static func load(_ path: String) throws(BackpropError) -> SavedCheckpoint {
        let content: SafeTensorsFile
        let saved: SavedModel
        do {
            content = try SafeTensorsFile.read(path)
            saved = try ModelFile.decode(content, file: path)
        } catch {
            throw BackpropError(error)
        }
        guard content.metadata["checkpoint.iteration"] != nil else {
            throw BackpropError(.badInput, "\(path) is a model file, not a checkpoint (no training state)",
                                hint: "resume from the file written by --checkpoint-every")
        }
        return SavedCheckpoint(path: path, content: content, model: saved)
    }
}

/// A checkpoint file read by ``Checkpoint/load(_:)``: what the interrupted run recorded, and
/// the training state once the resumed run's precision and optimiser are known.
public struct SavedCheckpoint: Sendable {
    /// The file.
    public var path: String
    /// Its tensors and metadata.
    public var content: SafeTensorsFile
    /// Its model (with the run's ``ModelInfo``).
    public var model: SavedModel

    /// The interrupted run's settings (``TrainingConfiguration/record(_:)``); nil when the file
    /// records none.
    public var settings: [String: String]? { model.info.training.isEmpty ? nil : model.info.training }

    /// The fingerprint of the interrupted run's training data; nil in a checkpoint written
    /// before fingerprints were saved.
    public var data: DataFingerprint? {
        var metadata: [String: String] = [:]
        for (key, value) in content.metadata where key.hasPrefix("checkpoint.data.") { metadata[String(key.dropFirst("checkpoint.".count))] = value }
        return DataFingerprint(metadata: metadata)
    }

    /// The model, the training state and the recorded costs, in the resumed run's precision.
    ///
    /// - Parameters:
    ///   - optimizer: the optimiser of the run being resumed (must be the saved one).
    ///   - type: the precision of the run being resumed (must be the saved one).
    /// - Throws: ``BackpropError`` `.badInput` for a checkpoint of another precision or
    ///   optimiser, or with a damaged training state.
    public func restore<T: MatrixScalar>(
        optimizer: Optimizer, as type: T.Type
    ) throws(BackpropError) -> (model: TrainedModel<T>, state: TrainingState<T>, costs: [(iteration: Int, cost: Double)]) {
        let model: TrainedModel<T>
        switch self.model {
        case .float32(let m as TrainedModel<T>): model = m
        case .float64(let m as TrainedModel<T>): model = m
        default:
            throw BackpropError(.badInput, "\(path) holds a \(self.model.dtypeName) model; this run uses \(T.self == Double.self ? "float64" : "float32")",
                                hint: "resume with --dtype \(self.model.dtypeName)")
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
        return (model, state, try recordedCosts())
    }

    /// `checkpoint.costs` as (iteration, cost) pairs; empty when absent or unreadable.
    ///
    /// - Throws: ``BackpropError`` `.badInput` for an iteration number that is not a count.
    private func recordedCosts() throws(BackpropError) -> [(iteration: Int, cost: Double)] {
        guard let recorded = content["checkpoint.costs"], recorded.shape.count == 2, recorded.shape[0] == 2,
              let values = try? recorded.doubles() else { return [] }
        let k = recorded.shape[1]
        var costs: [(iteration: Int, cost: Double)] = []
        for i in 0..<k {
            // Iteration numbers come from the file: a NaN or a fraction is damage, not a trap.
            guard let iteration = Int(exactly: values[i]), iteration >= 0 else {
                throw BackpropError(.badInput, "\(path): checkpoint.costs holds \(values[i]) where an iteration number belongs",
                                    hint: "the checkpoint is damaged; resume from an earlier one or start again")
            }
            costs.append((iteration, values[k + i]))
        }
        return costs
    }
}
