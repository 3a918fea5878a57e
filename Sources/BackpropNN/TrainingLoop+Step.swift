import BackpropMatrix

extension TrainingLoop {
    /// Runs the epoch's next mini-batch (or the full batch): forward, cost, backward, the
    /// divergence check, the update.
    ///
    /// - Returns: the step's iteration, epoch, batch, cost (before the update) and learning rate.
    /// - Throws: ``TrainingError/nonFinite(iteration:epoch:layer:quantity:)`` when the cost or a
    ///   gradient is not finite; the parameters and the state are then those before the step.
    /// - Precondition: `!isEpochComplete`.
    public mutating func step() throws(TrainingError) -> IterationReport<Scalar> {
        precondition(!isEpochComplete, "TrainingLoop.step: the epoch is complete; call endEpoch()")
        let iteration = progress.iteration, epoch = progress.epoch, batch = nextBatch
        let learningRate = options.schedule.learningRate(initial: options.learningRate, epoch: epoch)
        try loadBatch(batch)
        drawDropoutMasks(iteration: iteration)
        let cost = workspace.step(parameters: trainee.parameters, activations: trainee.activations, loss: trainee.loss,
                                  lambda: Scalar(options.lambda), numerics: options.numerics)
        try update(cost: cost, learningRate: Scalar(learningRate), iteration: iteration, epoch: epoch)
        progress.iteration += 1
        nextBatch += 1
        epochTotals.weightedCost += cost * Scalar(workspace.inputBatch.columns)
        epochTotals.examples += workspace.inputBatch.columns
        return IterationReport(iteration: iteration, epoch: epoch, batch: batch, cost: cost, learningRate: learningRate)
    }

    /// Gathers mini-batch `batch` of the epoch into the workspace (X_b, from memory or the
    /// stream, its transpose when small enough, Y_b); the full batch is loaded once, at the start.
    ///
    /// - Throws: ``TrainingError/input(_:)`` when the stream cannot read an example.
    mutating func loadBatch(_ batch: Int) throws(TrainingError) {
        guard let indices = batches?[batch][...] else { return }
        if let stream {
            do { try stream.gather(indices, into: &workspace.inputBatch) } catch { throw .input(error) }
        } else {
            X.gatherColumns(indices, into: &workspace.inputBatch)
        }
        if TrainingWorkspace.storesTranspose(of: workspace.inputBatch) {
            Matrix.transpose(workspace.inputBatch, into: &workspace.inputTransposed)
        } else {
            workspace.inputTransposed.resize(rows: 0, columns: 0)
        }
        Y.gatherColumns(indices, into: &workspace.targetBatch)
    }

    /// Fresh dropout masks for this step, from the seed and the iteration number (so that a
    /// resumed run draws the same ones); none when every keep probability is 1.
    mutating func drawDropoutMasks(iteration: Int) {
        guard keepProbabilities.contains(where: { $0 < 1 }) else { return }
        var generator = SeededGenerator(seed: UInt64(options.seed) << 32 ^ UInt64(truncatingIfNeeded: iteration))
        workspace.drawDropoutMasks(keepProbabilities: keepProbabilities, using: &generator)
    }

    /// Checks the step's cost and gradients, then updates the parameters: the optimiser for
    /// every parameter its first-layer strategy leaves to it, then the strategy for W(1).
    ///
    /// - Throws: ``TrainingError/nonFinite(iteration:epoch:layer:quantity:)`` or
    ///   ``TrainingError/costGrew(iteration:epoch:first:cost:)`` before any update.
    mutating func update(cost: Scalar, learningRate: Scalar, iteration: Int, epoch: Int) throws(TrainingError) {
        guard cost.isFinite else {
            let (layer, quantity) = workspace.firstNonFiniteForward()
            throw .nonFinite(iteration: iteration, epoch: epoch, layer: layer, quantity: quantity)
        }
        try checkCostGrowth(cost, iteration: iteration, epoch: epoch)
        let firstWeightsFinite = finishFirstLayer(learningRate: learningRate)
        if let (layer, quantity) = workspace.firstNonFiniteGradient(firstWeightsFinite: firstWeightsFinite) {
            throw .nonFinite(iteration: iteration, epoch: epoch, layer: layer, quantity: quantity)
        }
        progress.optimizerState.update(&trainee.parameters, gradients: workspace.gradients, learningRate: learningRate,
                                    skippingFirstWeights: !workspace.firstLayer.optimizerUpdatesWeights)
        workspace.firstLayer.applyUpdate(to: &trainee.parameters.layers[0].W)
    }

    /// Applies ``TrainingOptions/costGrowthLimit``: records the run's first cost C₀, then
    /// throws when the cost has exceeded the limit × max(C₀, 1) for
    /// ``TrainingOptions/costGrowthSteps`` consecutive steps (so that a run heading for NaN
    /// reports the layer where it appears, as ``TrainingError/nonFinite(iteration:epoch:layer:quantity:)``).
    ///
    /// - Throws: ``TrainingError/costGrew(iteration:epoch:first:cost:)``.
    mutating func checkCostGrowth(_ cost: Scalar, iteration: Int, epoch: Int) throws(TrainingError) {
        guard let limit = options.costGrowthLimit else { return }
        guard let first = firstCost.first else {
            firstCost = (cost, 0)
            return
        }
        firstCost.stepsAbove = Double(cost) > limit * Swift.max(Double(first), 1) ? firstCost.stepsAbove + 1 : 0
        if firstCost.stepsAbove >= TrainingOptions.costGrowthSteps {
            throw .costGrew(iteration: iteration, epoch: epoch, first: Double(first), cost: Double(cost))
        }
    }

    /// The first layer's part after the backward pass (see ``FirstLayer``): whether dW(1) is finite.
    mutating func finishFirstLayer(learningRate: Scalar) -> Bool {
        let m = Scalar(workspace.inputBatch.columns)
        let carriesMean = trainee.loss.scalesOutputDelta(activation: trainee.activations[trainee.layerCount - 1], numerics: options.numerics)
        let lambda = Scalar(options.lambda)
        // Another step follows unless this is the last planned one (a stop after it only wastes the product).
        let another = progress.epoch < options.epochs - 1 || nextBatch < batchesPerEpoch - 1
        return workspace.firstLayer.finishBackward(
            weights: trainee.parameters.layers[0].W, gradient: workspace.gradients.layers[0].W, deltas: workspace.deltas[0],
            input: workspace.inputBatch, gradientScale: carriesMean ? 1 : 1 / m, l2: lambda == 0 ? 0 : lambda / m,
            learningRate: learningRate, computingNext: another)
    }

    /// Ends the epoch: its mean cost, the validation metrics when due, early stopping, and the
    /// next epoch's mini-batch order.
    ///
    /// - Returns: the epoch's report (with the state and parameters, for a checkpoint) and, when
    ///   early stopping ends the run, why.
    /// - Precondition: `isEpochComplete` and not `isFinished`.
    public mutating func endEpoch() -> (report: EpochReport<Scalar>, stop: StopReason?) {
        precondition(isEpochComplete && !isFinished, "TrainingLoop.endEpoch: the epoch's batches have not all run")
        let epoch = progress.epoch
        let learningRate = options.schedule.learningRate(initial: options.learningRate, epoch: epoch)
        let cost = epochTotals.examples > 0 ? epochTotals.weightedCost / Scalar(epochTotals.examples) : 0
        var report = EpochReport(epoch: epoch, iterations: progress.iteration, cost: cost, learningRate: learningRate, validation: nil,
                                 state: progress, heldParameters: trainee.parameters,
                                 input: workspace.firstLayer.coefficients == nil ? nil : X)
        let isLast = epoch == options.epochs - 1
        if let validation, (epoch + 1) % options.validationInterval == 0 || isLast || options.earlyStopping != nil {
            report.validation = network.evaluate(X: validation.X, targets: validation.Y, classes: validation.classes)
        }
        progress.epoch = epoch + 1
        let stop = checkEarlyStopping(monitored: report.validation?.cost ?? Double(cost), epoch: epoch)
        report.state = state
        beginEpoch()
        return (report, stop)
    }

    /// Early stopping's bookkeeping for the epoch that ended with cost `monitored`.
    mutating func checkEarlyStopping(monitored: Double, epoch: Int) -> StopReason? {
        guard let earlyStopping = options.earlyStopping else { return nil }
        if let best = progress.bestCost, !(monitored < best - earlyStopping.minDelta) {
            progress.epochsWithoutImprovement += 1
        } else {
            progress.bestCost = monitored
            progress.epochsWithoutImprovement = 0
        }
        return progress.epochsWithoutImprovement >= earlyStopping.patience ? .earlyStopping(epoch: epoch) : nil
    }
}
