import BackpropMatrix

/// Where a training run stands: what a checkpoint must save besides the parameters so that a
/// resumed run continues exactly as an uninterrupted one would (same batches, same dropout
/// masks, same optimiser moments).
public struct TrainingState<Scalar: MatrixScalar>: Sendable, Equatable {
    /// The number of completed epochs (the next epoch is numbered `epoch`).
    public var epoch: Int
    /// The number of parameter updates made (the next iteration is numbered `iteration`).
    public var iteration: Int
    /// The optimiser's moments and step count.
    public var optimizerState: OptimizerState<Scalar>
    /// Early stopping: the best monitored cost so far (`nil` before the first epoch).
    public var bestCost: Double?
    /// Early stopping: epochs since the monitored cost last improved.
    public var epochsWithoutImprovement: Int
    /// A ``FirstLayerStrategy/gram`` run's first layer in Gram space (then W(1) and its
    /// momentum in ``optimizerState`` are not kept up to date); `nil` otherwise.
    public var firstLayer: FirstLayerCoefficients<Scalar>?

    /// A state at the start of training: epoch 0, iteration 0, fresh optimiser state.
    public init(optimizer: Optimizer, parameters: Parameters<Scalar>) {
        epoch = 0
        iteration = 0
        optimizerState = OptimizerState(optimizer: optimizer, parameters: parameters)
        bestCost = nil
        epochsWithoutImprovement = 0
        firstLayer = nil
    }

    /// The state as named tensors (the optimiser's, see ``OptimizerState/namedTensors``) and
    /// text metadata: "optimizer", "optimizer.step", "epoch", "iteration", and when set
    /// "early-stopping.best-cost", "early-stopping.epochs-without-improvement". Numbers are
    /// written so that they read back exactly.
    public var exported: (tensors: [String: Matrix<Scalar>], metadata: [String: String]) {
        var metadata = [
            "optimizer": optimizerState.optimizer.name,
            "optimizer.step": String(optimizerState.step),
            "epoch": String(epoch),
            "iteration": String(iteration),
            "early-stopping.epochs-without-improvement": String(epochsWithoutImprovement),
        ]
        for (key, value) in optimizerState.optimizer.hyperParameters { metadata["optimizer.\(key)"] = String(value) }
        if let bestCost { metadata["early-stopping.best-cost"] = String(bestCost) }
        return (optimizerState.namedTensors.merging(firstLayer?.namedTensors ?? [:]) { a, _ in a }, metadata)
    }

    /// A state read back from ``exported``.
    ///
    /// - Parameters:
    ///   - optimizer: the optimiser of the resumed run (its name must match the saved one).
    ///   - parameters: the network's parameters (for the tensor shapes).
    ///   - tensors: the saved tensors.
    ///   - metadata: the saved metadata.
    /// - Throws: ``NetworkError`` naming a missing or malformed entry, a tensor of the wrong
    ///   shape, or an optimiser or hyper-parameter (`optimizer.beta1`, …) that differs from the
    ///   saved one.
    public init(
        optimizer: Optimizer, parameters: Parameters<Scalar>, tensors: [String: Matrix<Scalar>], metadata: [String: String]
    ) throws(NetworkError) {
        func integer(_ key: String) throws(NetworkError) -> Int {
            guard let text = metadata[key] else { throw NetworkError(argument: key, value: "missing", expected: "a count in the checkpoint metadata") }
            guard let value = Int(text), value >= 0 else { throw NetworkError(argument: key, value: "\"\(text)\"", expected: "an integer, 0 or more") }
            return value
        }
        if let saved = metadata["optimizer"], saved != optimizer.name {
            throw NetworkError(argument: "optimizer", value: optimizer.name, expected: "\(saved), the optimiser the checkpoint was trained with")
        }
        for (key, value) in optimizer.hyperParameters.sorted(by: { $0.key < $1.key }) {
            if let saved = metadata["optimizer.\(key)"], Double(saved) != value {
                throw NetworkError(argument: "optimizer.\(key)", value: String(value), expected: "\(saved), the checkpoint's")
            }
        }
        epoch = try integer("epoch")
        iteration = try integer("iteration")
        optimizerState = try OptimizerState(optimizer: optimizer, parameters: parameters, namedTensors: tensors, step: try integer("optimizer.step"))
        let first = parameters.layers[0].W
        firstLayer = try FirstLayerCoefficients(namedTensors: tensors, optimizer: optimizer, step: optimizerState.step,
                                                firstLayerShape: (first.rows, first.columns))
        epochsWithoutImprovement = metadata["early-stopping.epochs-without-improvement"].flatMap { Int($0) } ?? 0
        if let text = metadata["early-stopping.best-cost"] {
            guard let value = Double(text) else {
                throw NetworkError(argument: "early-stopping.best-cost", value: "\"\(text)\"", expected: "a number")
            }
            bestCost = value
        } else {
            bestCost = nil
        }
    }
}

/// What the training loop tells its observer.
public enum TrainingEvent<Scalar: MatrixScalar>: Sendable {
    /// The run is ready to step (``TrainingLoop/prepare()``: a streamed run's first examples
    /// read, the processes of a split batch met), once, before the first iteration: a clock
    /// started here times the steps alone.
    case started
    /// The cost of one iteration's mini-batch (before its update), every
    /// ``TrainingOptions/costInterval`` iterations and at the last iteration.
    case iteration(IterationReport<Scalar>)
    /// The end of an epoch, with its mean cost and (when due) the validation metrics.
    case epoch(EpochReport<Scalar>)
}

/// One reported iteration.
public struct IterationReport<Scalar: MatrixScalar>: Sendable, Equatable {
    /// The iteration (parameter update), from 0 over the whole run.
    public var iteration: Int
    /// The epoch it belongs to, from 0.
    public var epoch: Int
    /// The batch within the epoch, from 0.
    public var batch: Int
    /// The cost of the batch before the update, L2 term included.
    public var cost: Scalar
    /// The learning rate of the update.
    public var learningRate: Double
}

/// One finished epoch.
public struct EpochReport<Scalar: MatrixScalar>: Sendable, Equatable {
    /// The epoch, from 0.
    public var epoch: Int
    /// The number of iterations made so far (the next iteration's number).
    public var iterations: Int
    /// The example-weighted mean of the epoch's batch costs (each before its update).
    public var cost: Scalar
    /// The learning rate used in this epoch.
    public var learningRate: Double
    /// The validation metrics, when validation data was given and the epoch was due.
    public var validation: EvaluationMetrics?
    /// The training state after the epoch: what a checkpoint saves besides the parameters.
    public var state: TrainingState<Scalar>
    /// The parameters after the epoch, W(1) as the training holds it (not up to date in Gram
    /// space: see ``parameters``).
    var heldParameters: Parameters<Scalar>
    /// X, when W(1) must be formed from ``TrainingState/firstLayer``.
    var input: Matrix<Scalar>?

    /// The parameters after the epoch (copy-on-write references), with W(1) formed from its
    /// Gram-space coefficients when the run holds it so (one product of n_1·m·n_0).
    public var parameters: Parameters<Scalar> {
        guard let coefficients = state.firstLayer, let input else { return heldParameters }
        var formed = heldParameters
        formed.layers[0].W = coefficients.weights(input: input)
        return formed
    }
}

/// The cost and accuracy of a network on a data set.
public struct EvaluationMetrics: Sendable, Equatable {
    /// The loss (without the L2 term, without dropout).
    public var cost: Double
    /// The fraction of correctly classified examples; `nil` for mean squared error.
    public var accuracy: Double?

    /// Metrics of `cost` and `accuracy`.
    public init(cost: Double, accuracy: Double?) {
        self.cost = cost
        self.accuracy = accuracy
    }
}

/// What the observer wants after an event.
public enum TrainingDecision: Sendable, Equatable {
    /// Go on.
    case `continue`
    /// Stop after this event; the state stays resumable.
    case stop
}

/// Why a training run ended.
public enum StopReason: Sendable, Equatable {
    /// All ``TrainingOptions/epochs`` epochs ran.
    case completed
    /// Early stopping: no improvement for `patience` epochs, after epoch `epoch`.
    case earlyStopping(epoch: Int)
    /// The observer returned ``TrainingDecision/stop``.
    case observer
}

/// The outcome of ``Network/train(X:labels:validation:options:resumingFrom:reducer:observer:)``.
public struct TrainingResult<Scalar: MatrixScalar>: Sendable {
    /// The state to resume from (or to save in a checkpoint).
    public var state: TrainingState<Scalar>
    /// The reported iteration costs at multiples of ``TrainingOptions/costInterval`` (the
    /// course's `costs` list).
    public var costs: [CostRecord<Scalar>]
    /// The mean cost of every epoch of this run, in order.
    public var epochCosts: [Scalar]
    /// The last validation metrics, if any.
    public var validation: EvaluationMetrics?
    /// Why the run ended.
    public var stopReason: StopReason
}
