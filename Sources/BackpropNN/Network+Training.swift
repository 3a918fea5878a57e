import BackpropMatrix

extension Network {
    /// Trains the network in place.
    ///
    /// Each iteration takes one mini-batch (X_b, Y_b) — the whole set when
    /// ``TrainingOptions/batchSize`` is `nil` — and runs the course's step:
    /// ``forward(_:dropout:)`` (with fresh inverted-dropout masks when keep probabilities are
    /// below 1), ``cost(output:caches:targets:lambda:numerics:)``,
    /// ``backward(output:caches:targets:lambda:numerics:computingInputGradient:)`` and one
    /// ``OptimizerState/update(_:gradients:learningRate:)`` with the epoch's scheduled learning rate.
    ///
    /// Full-batch gradient descent on an X too large to keep a transpose of (more than
    /// ``TrainingWorkspace/transposeLimitBytes``, as the course's cat images) runs W(1)'s update
    /// fused with the next iteration's W(1) X, so that each step reads X from memory once
    /// instead of twice (``TrainingWorkspace/updateFirstLayer(weights:learningRate:lambda:computingNext:)``);
    /// the results are the same bits as the separate steps.
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
    ///   - observer: called with ``TrainingEvent``s; return ``TrainingDecision/stop`` to stop.
    /// - Returns: the final state, the recorded costs, the epoch costs and why training ended.
    /// - Throws: ``TrainingError/invalidInput(_:)`` for invalid options, data or labels (nothing
    ///   is changed), ``TrainingError/nonFinite(iteration:epoch:layer:quantity:)`` on divergence
    ///   (the parameters are those of the last good iteration).
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public mutating func train(
        X: Matrix<Scalar>, labels: Matrix<Scalar>,
        validation: (X: Matrix<Scalar>, labels: Matrix<Scalar>)? = nil,
        options: TrainingOptions = TrainingOptions(),
        resumingFrom state: TrainingState<Scalar>? = nil,
        observer: (TrainingEvent<Scalar>) -> TrainingDecision = { _ in .continue }
    ) throws(TrainingError) -> TrainingResult<Scalar> {
        let Y: Matrix<Scalar>
        var validationSet: (X: Matrix<Scalar>, Y: Matrix<Scalar>, classes: [Int]?)?
        do throws(NetworkError) {
            try options.validate(layerCount: layerCount)
            Y = try checkedTargets(X: X, labels: labels)
            guard X.columns > 0 else {
                throw NetworkError(argument: "X", value: "shape (\(X.rows), 0)", expected: "at least one example")
            }
            try checkFinite(X, argument: "X")
            if let batchSize = options.batchSize, options.dropLast, batchSize > X.columns {
                throw NetworkError(argument: "batchSize", value: "\(batchSize)",
                                   expected: "at most \(X.columns) (the number of examples) when the last partial batch is dropped")
            }
            if let validation {
                let VY = try checkedTargets(X: validation.X, labels: validation.labels, labelsArgument: "validation labels")
                try checkFinite(validation.X, argument: "validation X")
                validationSet = (validation.X, VY, loss == .meanSquaredError ? nil : try classIndices(from: VY))
            }
            if let state {
                guard state.optimizerState.optimizer == options.optimizer else {
                    throw NetworkError(argument: "optimizer", value: options.optimizer.name,
                                       expected: "\(state.optimizerState.optimizer.name), the optimiser of the state to resume from")
                }
                let layers = parameters.layerCount
                guard state.optimizerState.firstMoments.count == (options.optimizer.usesFirstMoment ? layers : 0),
                      state.optimizerState.secondMoments.count == (options.optimizer.usesSecondMoment ? layers : 0),
                      state.epoch >= 0, state.iteration >= 0 else {
                    throw NetworkError(argument: "resumingFrom", value: "a state for another network", expected: "the state of this network's training")
                }
            }
        } catch {
            throw .invalidInput(error)
        }

        var state = state ?? TrainingState(optimizer: options.optimizer, parameters: parameters)
        let keep = options.layerKeepProbabilities(layerCount: layerCount)
        let usesDropout = keep.contains { $0 < 1 }
        let lambda = Scalar(options.lambda)
        let m = X.columns
        var costs: [CostRecord<Scalar>] = []
        var epochCosts: [Scalar] = []
        var lastValidation: EvaluationMetrics?
        let g = activations
        // The fast step on reused buffers (TrainingWorkspace); TrainingWorkspaceTests check it
        // against the simple step functions (forward, cost, backward).
        var workspace = TrainingWorkspace<Scalar>(layerDims: architecture.layerDims)
        // Full-batch gradient descent on an X too large to keep a transpose of: W(1)'s update
        // and the next W(1) X run fused, in one pass over X (TrainingWorkspace.updateFirstLayer;
        // the same bits as the separate steps, fewer bytes from memory).
        let fusesFirstLayer = options.batchSize == nil && options.optimizer == .gradientDescent
            && !TrainingWorkspace<Scalar>.storesTranspose(of: X)
        if options.batchSize == nil {
            workspace.inputBatch = X
            if TrainingWorkspace.storesTranspose(of: X) { Matrix.transpose(X, into: &workspace.inputTransposed) }
            workspace.targetBatch = Y
            workspace.defersFirstWeightGradient = fusesFirstLayer
        }
        costs.reserveCapacity(Swift.max(0, options.epochs - state.epoch) / options.costInterval + 2)

        for epoch in state.epoch..<Swift.max(state.epoch, options.epochs) {
            let learningRate = options.schedule.learningRate(initial: options.learningRate, epoch: epoch)
            let alpha = Scalar(learningRate)
            // Full batch: no index list and no copy of X.
            let batches: [[Int]]? = options.batchSize == nil ? nil : try? miniBatchIndices(
                examples: m, batchSize: options.batchSize, shuffle: options.shuffle, seed: options.seed,
                epoch: epoch, dropLast: options.dropLast)
            let batchCount = batches?.count ?? 1
            var weightedCost: Scalar = 0
            var examplesSeen = 0
            for batch in 0..<batchCount {
                let iteration = state.iteration
                if let batches {
                    X.gatherColumns(batches[batch][...], into: &workspace.inputBatch)
                    if TrainingWorkspace.storesTranspose(of: workspace.inputBatch) {
                        Matrix.transpose(workspace.inputBatch, into: &workspace.inputTransposed)
                    } else {
                        workspace.inputTransposed.resize(rows: 0, columns: 0)
                    }
                    Y.gatherColumns(batches[batch][...], into: &workspace.targetBatch)
                }
                if usesDropout {
                    // Fresh masks per iteration, from the seed and the iteration number (so a
                    // resumed run draws the same ones).
                    var generator = SeededGenerator(seed: UInt64(options.seed) << 32 ^ UInt64(truncatingIfNeeded: iteration))
                    workspace.drawDropoutMasks(keepProbabilities: keep, using: &generator)
                }
                let examples = workspace.inputBatch.columns
                let cost = workspace.step(parameters: parameters, activations: g, loss: loss, lambda: lambda, numerics: options.numerics)
                guard cost.isFinite else {
                    let (layer, quantity) = workspace.firstNonFiniteForward()
                    throw .nonFinite(iteration: iteration, epoch: epoch, layer: layer, quantity: quantity)
                }
                if let (layer, quantity) = workspace.firstNonFiniteGradient() {
                    // A deferred dW(1) comes first in the check's order: compute it to see (the
                    // update writes only the workspace's W(1)' buffer; the network is untouched).
                    if fusesFirstLayer && (layer, quantity) != (1, "dW")
                        && !workspace.updateFirstLayer(weights: parameters.layers[0].W, learningRate: alpha, lambda: lambda, computingNext: false) {
                        throw .nonFinite(iteration: iteration, epoch: epoch, layer: 1, quantity: "dW")
                    }
                    throw .nonFinite(iteration: iteration, epoch: epoch, layer: layer, quantity: quantity)
                }
                if fusesFirstLayer {
                    let another = epoch < options.epochs - 1
                    guard workspace.updateFirstLayer(weights: parameters.layers[0].W, learningRate: alpha, lambda: lambda, computingNext: another) else {
                        throw .nonFinite(iteration: iteration, epoch: epoch, layer: 1, quantity: "dW")
                    }
                    swap(&parameters.layers[0].W, &workspace.gradients.layers[0].W)
                    state.optimizerState.update(&parameters, gradients: workspace.gradients, learningRate: alpha, skippingFirstWeights: true)
                } else {
                    state.optimizerState.update(&parameters, gradients: workspace.gradients, learningRate: alpha)
                }
                state.iteration += 1
                weightedCost += cost * Scalar(examples)
                examplesSeen += examples

                let isLast = epoch == options.epochs - 1 && batch == batchCount - 1
                if iteration % options.costInterval == 0 || isLast {
                    if iteration % options.costInterval == 0 { costs.append(CostRecord(iteration: iteration, cost: cost)) }
                    let report = IterationReport(iteration: iteration, epoch: epoch, batch: batch, cost: cost, learningRate: learningRate)
                    if observer(.iteration(report)) == .stop {
                        return TrainingResult(state: state, costs: costs, epochCosts: epochCosts, validation: lastValidation, stopReason: .observer)
                    }
                }
            }

            let epochCost = examplesSeen > 0 ? weightedCost / Scalar(examplesSeen) : 0
            epochCosts.append(epochCost)
            var report = EpochReport(epoch: epoch, iterations: state.iteration, cost: epochCost, learningRate: learningRate, validation: nil)
            if let validationSet, (epoch + 1) % options.validationInterval == 0 || epoch == options.epochs - 1 || options.earlyStopping != nil {
                report.validation = evaluate(X: validationSet.X, targets: validationSet.Y, classes: validationSet.classes)
                lastValidation = report.validation
            }
            state.epoch = epoch + 1
            var stopReason: StopReason?
            if let earlyStopping = options.earlyStopping {
                let monitored = report.validation?.cost ?? Double(epochCost)
                if let best = state.bestCost, !(monitored < best - earlyStopping.minDelta) {
                    state.epochsWithoutImprovement += 1
                } else {
                    state.bestCost = monitored
                    state.epochsWithoutImprovement = 0
                }
                if state.epochsWithoutImprovement >= earlyStopping.patience { stopReason = .earlyStopping(epoch: epoch) }
            }
            if observer(.epoch(report)) == .stop { stopReason = stopReason ?? .observer }
            if let stopReason {
                return TrainingResult(state: state, costs: costs, epochCosts: epochCosts, validation: lastValidation, stopReason: stopReason)
            }
        }
        return TrainingResult(state: state, costs: costs, epochCosts: epochCosts, validation: lastValidation, stopReason: .completed)
    }

    /// The cost (loss only, no dropout, stable numerics) and the accuracy of the network on
    /// (X, labels).
    ///
    /// - Shapes: X (n_0, m); labels as ``Loss/targets(from:outputCount:argument:)`` takes them.
    /// - Throws: ``NetworkError`` when X or the labels do not fit the network.
    public func evaluate(X: Matrix<Scalar>, labels: Matrix<Scalar>) throws(NetworkError) -> EvaluationMetrics {
        let Y = try checkedTargets(X: X, labels: labels)
        return evaluate(X: X, targets: Y, classes: loss == .meanSquaredError ? nil : try classIndices(from: Y))
    }

    @usableFromInline
    func evaluate(X: Matrix<Scalar>, targets Y: Matrix<Scalar>, classes: [Int]?) -> EvaluationMetrics {
        let (output, caches) = forward(X)
        let cost = Double(self.cost(output: output, caches: caches, targets: Y))
        let accuracyValue = classes.map { BackpropNN.accuracy(predicted: Self.classes(fromOutput: output), labels: $0) }
        return EvaluationMetrics(cost: cost, accuracy: accuracyValue)
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
