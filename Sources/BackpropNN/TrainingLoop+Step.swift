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
        // A rank without examples in this batch (b < N) adds zeros to the sum.
        let local = workspace.inputBatch.columns > 0
            ? workspace.step(parameters: trainee.parameters, activations: trainee.activations, loss: trainee.loss,
                             lambda: stepLambda, numerics: options.numerics)
            : 0
        let cost = try update(cost: local, learningRate: Scalar(learningRate), iteration: iteration, epoch: epoch)
        progress.iteration += 1
        nextBatch += 1
        epochTotals.weightedCost += cost * Scalar(batchShare.columns)
        epochTotals.examples += batchShare.columns
        return IterationReport(iteration: iteration, epoch: epoch, batch: batch, cost: cost, learningRate: learningRate)
    }

    /// Gathers mini-batch `batch` of the epoch into the workspace (X_b, from memory or the
    /// stream, its transpose when small enough, Y_b); the full batch is loaded once, at the start.
    ///
    /// - Throws: ``TrainingError/input(_:)`` when the stream cannot read an example.
    mutating func loadBatch(_ batch: Int) throws(TrainingError) {
        guard let all = batches?[batch][...] else { return }
        batchShare = (all.count, reducer?.share(of: all.indices) ?? all.indices)
        let indices = all[batchShare.kept]
        if let stream {
            do { try stream.gather(indices, into: &workspace.inputBatch) } catch { throw .input(error) }
        } else {
            X.gatherColumns(indices, into: &workspace.inputBatch)
        }
        workspace.transposeInputIfSmall()
        Y.gatherColumns(indices, into: &workspace.targetBatch)
    }

    /// Fresh dropout masks for this step, from the seed and the iteration number (so that a
    /// resumed run draws the same ones); none when every keep probability is 1.
    mutating func drawDropoutMasks(iteration: Int) {
        guard keepProbabilities.contains(where: { $0 < 1 }) else { return }
        var generator = SeededGenerator(seed: UInt64(options.seed) << 32 ^ UInt64(truncatingIfNeeded: iteration))
        workspace.drawDropoutMasks(keepProbabilities: keepProbabilities, batchColumns: batchShare.columns, keeping: batchShare.kept,
                                   using: &generator)
    }

    /// Checks the step's cost and gradients (summed over the ranks first when the batch is
    /// split), then updates the parameters: the optimiser for every parameter its first-layer
    /// strategy leaves to it, then the strategy for W(1).
    ///
    /// - Returns: the batch's cost (before the update).
    /// - Throws: ``TrainingError/nonFinite(iteration:epoch:layer:quantity:)`` or
    ///   ``TrainingError/costGrew(iteration:epoch:first:cost:)`` before any update;
    ///   ``TrainingError/reduction(_:)`` when the ranks' sum fails.
    mutating func update(cost local: Scalar, learningRate: Scalar, iteration: Int, epoch: Int) throws(TrainingError) -> Scalar {
        var cost = local, firstWeightsFinite = true
        if let reducer {
            // W(1) is trained plainly: its gradient is complete before the sum.
            if workspace.inputBatch.columns > 0 { _ = finishFirstLayer(learningRate: learningRate) }
            cost = try reduce(cost: local, with: reducer)
            firstWeightsFinite = workspace.gradients.layers[0].W.isFinite
        }
        guard cost.isFinite else {
            let (layer, quantity) = workspace.firstNonFiniteForward()
            throw .nonFinite(iteration: iteration, epoch: epoch, layer: layer, quantity: quantity)
        }
        try checkCostGrowth(cost, iteration: iteration, epoch: epoch)
        if reducer == nil { firstWeightsFinite = finishFirstLayer(learningRate: learningRate) }
        if let (layer, quantity) = workspace.firstNonFiniteGradient(firstWeightsFinite: firstWeightsFinite) {
            throw .nonFinite(iteration: iteration, epoch: epoch, layer: layer, quantity: quantity)
        }
        progress.optimizerState.update(&trainee.parameters, gradients: workspace.gradients, learningRate: learningRate,
                                    skippingFirstWeights: !workspace.firstLayer.optimizerUpdatesWeights)
        workspace.firstLayer.applyUpdate(to: &trainee.parameters.layers[0].W)
        return cost
    }

    /// λ for this step's share: λ · m_r / b, so that the ranks' L2 terms, scaled by m_r / b and
    /// summed, give the batch's λ / (2b) Σ‖W‖² and λ / b · W (λ in one process).
    var stepLambda: Scalar {
        guard reducer != nil else { return Scalar(options.lambda) }
        return Scalar(options.lambda) * Scalar(batchShare.kept.count) / Scalar(batchShare.columns)
    }

    /// Sums the ranks' shares of the step: the cost and every gradient scaled by m_r / b, in one
    /// flat buffer, one `GradientReducer.sum(_:)`; the
    /// workspace's gradients become the batch's.
    ///
    /// - Returns: the batch's cost.
    mutating func reduce(cost: Scalar, with reducer: any GradientReducer) throws(TrainingError) -> Scalar {
        let share = Scalar(batchShare.kept.count) / Scalar(batchShare.columns)
        let count = 1 + workspace.gradients.layers.reduce(0) { $0 + $1.W.count + $1.b.count }
        if reduction.count != count { reduction = [Scalar](repeating: 0, count: count) }
        reduction.withUnsafeMutableBufferPointer { flat in
            flat[0] = share == 0 ? 0 : cost * share
            var k = 1
            for layer in workspace.gradients.layers {
                for values in [layer.W, layer.b] {
                    values.withUnsafeBufferPointer { v in
                        // A rank without examples adds zeros (its buffers hold the last step's values).
                        if share == 0 { (flat.baseAddress! + k).update(repeating: 0, count: v.count) } else {
                            for i in v.indices { flat[k + i] = v[i] * share }
                        }
                        k += v.count
                    }
                }
            }
        }
        do { try reducer.sum(&reduction) } catch { throw .reduction(error) }
        reduction.withUnsafeBufferPointer { flat in
            var k = 1
            for l in workspace.gradients.layers.indices {
                workspace.gradients.layers[l].W.withUnsafeMutableBufferPointer { k = Self.copy(flat, from: k, into: $0) }
                workspace.gradients.layers[l].b.withUnsafeMutableBufferPointer { k = Self.copy(flat, from: k, into: $0) }
            }
        }
        return reduction[0]
    }

    /// Copies `target.count` values of `source` from `start` into `target`; the next start.
    static func copy(_ source: UnsafeBufferPointer<Scalar>, from start: Int, into target: UnsafeMutableBufferPointer<Scalar>) -> Int {
        target.baseAddress!.update(from: source.baseAddress! + start, count: target.count)
        return start + target.count
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
