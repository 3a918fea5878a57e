import BackpropMatrix

extension Network {
    /// Trains the network in place: a ``TrainingLoop`` run to its end, reporting to `observer`.
    ///
    /// Each iteration takes one mini-batch (X_b, Y_b) — the whole set when
    /// ``TrainingOptions/batchSize`` is `nil` — and runs the course's step on reused buffers:
    /// forward (with fresh inverted-dropout masks when keep probabilities are below 1), cost,
    /// backward and one ``OptimizerState/update(_:gradients:learningRate:)`` with the epoch's
    /// scheduled learning rate; the first layer as its ``FirstLayerStrategy`` trains it
    /// (`FirstLayerStrategy/automatic(for:input:)`). ``trainReference(X:labels:options:)`` is
    /// the simple loop it is tested against.
    ///
    /// Every iteration's cost and gradients are checked: a NaN or infinity stops training with
    /// ``TrainingError/nonFinite(iteration:epoch:layer:quantity:)`` naming the first layer where
    /// it appears (before the parameters are touched by that iteration's update).
    ///
    /// To resume, pass the ``TrainingResult/state`` of an earlier run (or one read back from a
    /// checkpoint) with the same options; epochs are counted from that state up to
    /// ``TrainingOptions/epochs``, and the run continues exactly as an uninterrupted one.
    ///
    /// - Parameters:
    ///   - X: the inputs, (n_0, m).
    ///   - labels: as ``Loss/targets(from:outputCount:argument:)`` takes them: (n_L, m), or (1, m)
    ///     class labels for categorical cross-entropy.
    ///   - validation: held-out inputs and labels, evaluated every
    ///     ``TrainingOptions/validationInterval`` epochs and at the last.
    ///   - options: the settings.
    ///   - state: the state to resume from; `nil` starts afresh.
    ///   - reducer: the processes each batch is split across (``GradientReducer``); `nil`: this one.
    ///   - observer: called with ``TrainingEvent``s (once when the run is ready to step, every
    ///     ``TrainingOptions/costInterval`` iterations and the last, and every epoch, whose
    ///     report carries the state for a checkpoint); return ``TrainingDecision/stop`` to stop.
    /// - Returns: the final state, the recorded costs, the epoch costs and why training ended.
    /// - Throws: ``TrainingError/invalidInput(_:)`` for invalid options, data or labels (nothing
    ///   is changed), ``TrainingError/nonFinite(iteration:epoch:layer:quantity:)`` on divergence
    ///   (the parameters are those of the last good iteration), ``TrainingError/reduction(_:)``
    ///   when the processes of a split batch cannot meet or sum.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public mutating func train(
        X: Matrix<Scalar>, labels: Matrix<Scalar>,
        validation: (X: Matrix<Scalar>, labels: Matrix<Scalar>)? = nil,
        options: TrainingOptions = TrainingOptions(),
        resumingFrom state: TrainingState<Scalar>? = nil,
        reducer: (any GradientReducer)? = nil,
        observer: (TrainingEvent<Scalar>) -> TrainingDecision = { _ in .continue }
    ) throws(TrainingError) -> TrainingResult<Scalar> {
        var loop = try TrainingLoop(network: self, X: X, labels: labels, validation: validation, options: options, resumingFrom: state,
                                    reducer: reducer)
        defer { self = loop.network }
        return try Self.drive(&loop, observer: observer)
    }

    /// ``train(X:labels:validation:options:resumingFrom:reducer:observer:)`` on examples streamed from
    /// disk (``ExampleStream``): the same loop, which reads each mini-batch's columns from the
    /// stream (see ``TrainingLoop/init(network:stream:labels:validation:options:resumingFrom:reducer:)``
    /// for what a streamed run needs).
    ///
    /// - Parameters:
    ///   - stream: the inputs, m examples of n_0 features.
    ///   - labels: the targets, (n_L, m) or (1, m), in memory.
    ///   - validation: held-out inputs and labels, in memory.
    ///   - options: the settings, with ``TrainingOptions/batchSize`` and ``TrainingOptions/blockShuffle``.
    ///   - state: the state to resume from; `nil` starts afresh.
    ///   - reducer: the processes each batch is split across (``GradientReducer``); `nil`: this one.
    ///   - observer: called with ``TrainingEvent``s, as for the in-memory form.
    /// - Returns: the final state, the recorded costs, the epoch costs and why training ended.
    /// - Throws: as the in-memory form, and ``TrainingError/input(_:)`` when an example cannot be
    ///   read (the parameters are those of the last good iteration).
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public mutating func train(
        stream: any ExampleStream<Scalar>, labels: Matrix<Scalar>,
        validation: (X: Matrix<Scalar>, labels: Matrix<Scalar>)? = nil,
        options: TrainingOptions,
        resumingFrom state: TrainingState<Scalar>? = nil,
        reducer: (any GradientReducer)? = nil,
        observer: (TrainingEvent<Scalar>) -> TrainingDecision = { _ in .continue }
    ) throws(TrainingError) -> TrainingResult<Scalar> {
        var loop = try TrainingLoop(network: self, stream: stream, labels: labels, validation: validation, options: options, resumingFrom: state,
                                    reducer: reducer)
        defer { self = loop.network }
        return try Self.drive(&loop, observer: observer)
    }

    /// Runs `loop` to its end (or until the observer or early stopping stops it), recording
    /// the reported costs.
    static func drive(
        _ loop: inout TrainingLoop<Scalar>, observer: (TrainingEvent<Scalar>) -> TrainingDecision
    ) throws(TrainingError) -> TrainingResult<Scalar> {
        let options = loop.options
        var record = TrainingRecord<Scalar>(options: options, startEpoch: loop.state.epoch)
        try loop.prepare()
        if observer(.started) == .stop { return record.result(state: loop.state, stopReason: .observer) }
        while !loop.isFinished {
            while !loop.isEpochComplete {
                let report = try loop.step()
                let isLast = report.epoch == options.epochs - 1 && loop.isEpochComplete
                if record.add(report, isLast: isLast), observer(.iteration(report)) == .stop {
                    return record.result(state: loop.state, stopReason: .observer)
                }
            }
            let (report, stop) = loop.endEpoch()
            record.add(report)
            let decision = observer(.epoch(report))
            if let reason = stop ?? (decision == .stop ? .observer : nil) {
                return record.result(state: loop.state, stopReason: reason)
            }
        }
        return record.result(state: loop.state, stopReason: .completed)
    }

    /// The cost (loss only, no dropout, stable numerics) and the accuracy of the network on
    /// (X, labels), in forward passes of at most 4096 examples (``evaluationBatchSize``), so
    /// that a large X needs no activations for all of its examples at once.
    ///
    /// - Shapes: X (n_0, m); labels as ``Loss/targets(from:outputCount:argument:)`` takes them.
    /// - Throws: ``NetworkError`` when X or the labels do not fit the network.
    public func evaluate(X: Matrix<Scalar>, labels: Matrix<Scalar>) throws(NetworkError) -> EvaluationMetrics {
        let Y = try checkedTargets(X: X, labels: labels)
        return evaluate(X: X, targets: Y, classes: loss == .meanSquaredError ? nil : try classIndices(from: Y))
    }

    /// - Throws: ``NetworkError`` naming `argument`, the row and the example of the first NaN or infinity.
    @usableFromInline
    func checkFinite(_ X: Matrix<Scalar>, argument: String) throws(NetworkError) {
        if X.isFinite { return }   // one fast pass (a SIMD kernel); find the culprit only when needed
        guard let index = X.elements.firstIndex(where: { !$0.isFinite }) else { return }
        throw NetworkError(argument: argument, value: "\(X.elements[index]) at row \(index / X.columns), example \(index % X.columns)",
                           expected: "finite inputs")
    }
}

/// What ``Network/train(X:labels:validation:options:resumingFrom:reducer:observer:)`` collects while it
/// runs: the costs every ``TrainingOptions/costInterval`` iterations, the epoch costs and the
/// last validation metrics.
struct TrainingRecord<Scalar: MatrixScalar> {
    let costInterval: Int
    var costs: [CostRecord<Scalar>] = []
    var epochCosts: [Scalar] = []
    var validation: EvaluationMetrics?

    init(options: TrainingOptions, startEpoch: Int) {
        costInterval = options.costInterval
        // Room for the planned records, but at most 4096 up front: a run of 10^9 iterations
        // grows the array as it goes instead of reserving 16 GB at the start.
        costs.reserveCapacity(Swift.min(Swift.max(0, options.epochs - startEpoch) / options.costInterval, 4096) + 2)
    }

    /// Records a step's cost when due; returns whether the observer is told (due, or the last step).
    mutating func add(_ report: IterationReport<Scalar>, isLast: Bool) -> Bool {
        let due = report.iteration % costInterval == 0
        if due { costs.append(CostRecord(iteration: report.iteration, cost: report.cost)) }
        return due || isLast
    }

    /// Records an epoch's cost and validation metrics.
    mutating func add(_ report: EpochReport<Scalar>) {
        epochCosts.append(report.cost)
        if let metrics = report.validation { validation = metrics }
    }

    func result(state: TrainingState<Scalar>, stopReason: StopReason) -> TrainingResult<Scalar> {
        TrainingResult(state: state, costs: costs, epochCosts: epochCosts, validation: validation, stopReason: stopReason)
    }
}
