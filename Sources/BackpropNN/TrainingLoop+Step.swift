import BackpropMatrix

extension TrainingLoop {
    /// Gets the run ready for its first ``step()``: the large weights, gradients and moments on
    /// huge pages (asked for here, not in the first step: it takes tens of milliseconds), a
    /// streamed run's first window of examples read (``ExampleStream/awaitFirstWindow()``; the
    /// epoch's start began reading it), then, when each batch is split across processes, every
    /// process waiting for the others (`GradientReducer.synchronize()`). The processes start
    /// stepping together, and a clock started afterwards times the steps, not the setup.
    /// ``step()`` does not need it (it reads what it lacks);
    /// ``Network/train(X:labels:validation:options:resumingFrom:reducer:observer:)`` calls it
    /// before the first step.
    ///
    /// - Throws: ``TrainingError/input(_:)`` when the stream cannot read its first window;
    ///   ``TrainingError/reduction(_:)`` when a process has gone.
    public mutating func prepare() throws(TrainingError) {
        if !hugePagesAdvised { adviseHugePages() }
        if let stream, batches != nil {
            do { try stream.awaitFirstWindow() } catch { throw .input(error) }
        }
        if let reducer {
            do { try reducer.synchronize() } catch { throw .reduction(error) }
        }
    }

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
        // A rank's cost and gradients are its part of the batch's mean ((1/b) Σ over its examples).
        workspace.meanExamples = reducer == nil ? nil : batchShare.columns
        // A rank without examples in this batch (b < N) adds zeros to the sum.
        let local = workspace.inputBatch.columns > 0
            ? workspace.step(parameters: trainee.parameters, activations: trainee.activations, loss: trainee.loss,
                             lambda: stepLambda, numerics: options.numerics)
            : 0
        let cost = try update(cost: local, learningRate: Scalar(learningRate), iteration: iteration, epoch: epoch)
        if !hugePagesAdvised { adviseHugePages() }
        progress.iteration += 1
        nextBatch += 1
        epochTotals.weightedCost += cost * Scalar(batchShare.columns)
        epochTotals.examples += batchShare.columns
        return IterationReport(iteration: iteration, epoch: epoch, batch: batch, cost: cost, learningRate: learningRate)
    }

    /// Gathers mini-batch `batch` of the epoch into the workspace (X_b, from memory or the
    /// stream, its transpose when small enough, Y_b); the full batch is loaded once, at the start.
    /// From the stream or from Xᵀ the examples arrive as rows: X_bᵀ is written first and
    /// transposed once into X_b (``TrainingWorkspace/loadInput(rowsOf:scratch:_:)``).
    ///
    /// - Throws: ``TrainingError/input(_:)`` when the stream cannot read an example.
    mutating func loadBatch(_ batch: Int) throws(TrainingError) {
        guard let all = batches?[batch][...] else { return }
        batchShare = (all.count, reducer?.share(of: all.indices) ?? all.indices)
        let indices = all[batchShare.kept]
        // Streamed, or from Xᵀ: the examples come as rows (X_bᵀ), kept as they are when small.
        if let stream {
            let values = indices.count * stream.featureCount
            do {
                try workspace.loadInput(rowsOf: values, scratch: &batchRows) { (rows) throws(ExampleStreamError) in
                    try stream.gatherRows(indices, into: &rows)
                }
            } catch { throw .input(error) }
        } else if let rowsOfX {
            workspace.loadInput(rowsOf: indices.count * rowsOfX.columns, scratch: &batchRows) { rowsOfX.gatherRows(indices, into: &$0) }
        } else {
            X.gatherColumns(indices, into: &workspace.inputBatch)
            workspace.transposeInputIfSmall()
        }
        Y.gatherColumns(indices, into: &workspace.targetBatch)
    }

    /// Huge pages behind the weights, their gradients (allocated in their shapes with the
    /// workspace) and the optimiser's moments (``Matrix/adviseHugePages()``), once: in
    /// ``prepare()``, before the clock starts (asking takes tens of milliseconds for W3: the
    /// kernel copies each 2 MiB into a huge page), or after the first step of a loop that was
    /// not prepared.
    mutating func adviseHugePages() {
        hugePagesAdvised = true
        for l in trainee.parameters.layers.indices {
            trainee.parameters.layers[l].W.adviseHugePages()
            workspace.gradients.layers[l].W.adviseHugePages()
            if l < progress.optimizerState.firstMoments.count { progress.optimizerState.firstMoments[l].W.adviseHugePages() }
            if l < progress.optimizerState.secondMoments.count { progress.optimizerState.secondMoments[l].W.adviseHugePages() }
        }
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
        var cost = local, firstWeightsFinite = true, finiteFrom = Int.max
        if let reducer {
            // W(1) is trained plainly (FirstLayerStrategy.split): its gradient is complete before the sum.
            let summed = try reduce(cost: local, with: reducer)
            cost = summed.cost
            // The sums made in place were counted finite: their gradients need no second look.
            if summed.inPlaceFinite { finiteFrom = Self.inPlaceReductionCount }
            firstWeightsFinite = workspace.gradients.layers[0].W.count >= finiteFrom || workspace.gradients.layers[0].W.isFinite
        }
        guard cost.isFinite else {
            let (layer, quantity) = workspace.firstNonFiniteForward()
            throw .nonFinite(iteration: iteration, epoch: epoch, layer: layer, quantity: quantity)
        }
        try checkCostGrowth(cost, iteration: iteration, epoch: epoch)
        if reducer == nil { firstWeightsFinite = finishFirstLayer(learningRate: learningRate) }
        if let (layer, quantity) = workspace.firstNonFiniteGradient(firstWeightsFinite: firstWeightsFinite, finiteFrom: finiteFrom) {
            throw .nonFinite(iteration: iteration, epoch: epoch, layer: layer, quantity: quantity)
        }
        progress.optimizerState.update(&trainee.parameters, gradients: workspace.gradients, learningRate: learningRate,
                                    skippingFirstWeights: !workspace.firstLayer.optimizerUpdatesWeights)
        workspace.firstLayer.applyUpdate(to: &trainee.parameters.layers[0].W)
        return cost
    }

    /// λ for this step's share: λ · m_r / b, so that the ranks' L2 terms (divided by b, the
    /// batch's examples) add up to the batch's λ / (2b) Σ‖W‖² and λ / b · W (λ in one process).
    var stepLambda: Scalar {
        guard reducer != nil else { return Scalar(options.lambda) }
        return Scalar(options.lambda) * Scalar(batchShare.kept.count) / Scalar(batchShare.columns)
    }

    /// Sums the ranks' parts of the step (``TrainingWorkspace/meanExamples``: each is already
    /// its part of the batch's mean), in place: first the gradients of at least
    /// ``inPlaceReductionCount`` values, one `GradientReducer.sumCountingNonFinite(_:)` each on
    /// their own storage; then one flat buffer holding the cost, the number of NaN or infinite
    /// values those sums made on this rank, and the smaller gradients. The workspace's
    /// gradients become the batch's. Every rank makes the same calls in the same order (the
    /// shapes are the same).
    ///
    /// - Returns: the batch's cost, and whether every gradient summed in place is known to be
    ///   finite (the ranks' counts add up to 0, and every sum was counted).
    mutating func reduce(cost: Scalar, with reducer: any GradientReducer) throws(TrainingError) -> (cost: Scalar, inPlaceFinite: Bool) {
        // A rank without examples adds zeros (its buffers hold the last step's values).
        if workspace.inputBatch.columns == 0 { zeroGradients() }
        let limit = Self.inPlaceReductionCount
        let count = 2 + workspace.gradients.layers.reduce(0) { total, layer in
            total + (layer.W.count < limit ? layer.W.count : 0) + (layer.b.count < limit ? layer.b.count : 0)
        }
        if reduction.count != count { reduction = [Scalar](repeating: 0, count: count) }
        do throws(GradientReductionError) {
            let counted = try sumInPlace(with: reducer)
            reduction[0] = cost
            reduction[1] = Scalar(counted ?? 0)
            moveSmallGradients(toReduction: true)
            try reducer.sum(&reduction)
            moveSmallGradients(toReduction: false)
            return (reduction[0], counted != nil && reduction[1] == 0)
        } catch {
            throw .reduction(error)
        }
    }

    /// Sums the gradients of at least ``inPlaceReductionCount`` values on their own storage,
    /// layer by layer, W then b.
    ///
    /// - Returns: the number of NaN or infinite sums this rank made, or `nil` when the reducer
    ///   did not count one of them.
    mutating func sumInPlace(with reducer: any GradientReducer) throws(GradientReductionError) -> Int? {
        let limit = Self.inPlaceReductionCount
        var nonFinite: Int? = 0
        func add(_ counted: Int?) { nonFinite = counted.flatMap { c in nonFinite.map { $0 + c } } }
        for l in workspace.gradients.layers.indices {
            if workspace.gradients.layers[l].W.count >= limit { add(try reducer.sumCountingNonFinite(&workspace.gradients.layers[l].W)) }
            if workspace.gradients.layers[l].b.count >= limit { add(try reducer.sumCountingNonFinite(&workspace.gradients.layers[l].b)) }
        }
        return nonFinite
    }

    /// Sets every gradient to zero, in the parameters' shapes (a rank without examples in the
    /// batch may never have computed one).
    mutating func zeroGradients() {
        for (l, layer) in trainee.parameters.layers.enumerated() {
            workspace.gradients.layers[l].W.resize(rows: layer.W.rows, columns: layer.W.columns)
            workspace.gradients.layers[l].W.fill(with: 0)
            workspace.gradients.layers[l].b.resize(rows: layer.b.rows, columns: 1)
            workspace.gradients.layers[l].b.fill(with: 0)
        }
    }

    /// Gradients of at least this many values are summed on their own storage (2¹⁶: copying
    /// them in and out of a flat buffer would cost more than the call); smaller ones together.
    static var inPlaceReductionCount: Int { 1 << 16 }

    /// Copies the gradients below ``inPlaceReductionCount`` values into ``reduction`` after the
    /// cost and the count, layer by layer, W then b (`toReduction`), or back from it.
    mutating func moveSmallGradients(toReduction: Bool) {
        let limit = Self.inPlaceReductionCount
        var k = 2
        reduction.withUnsafeMutableBufferPointer { flat in
            for l in workspace.gradients.layers.indices {
                let place = flat.baseAddress! + k
                if workspace.gradients.layers[l].W.count < limit {
                    k += workspace.gradients.layers[l].W.withUnsafeMutableBufferPointer { Self.move($0, place, toReduction) }
                }
                let next = flat.baseAddress! + k
                if workspace.gradients.layers[l].b.count < limit {
                    k += workspace.gradients.layers[l].b.withUnsafeMutableBufferPointer { Self.move($0, next, toReduction) }
                }
            }
        }
    }

    /// Copies `values` to `place` (`toPlace`), or from it; the number of values.
    static func move(_ values: UnsafeMutableBufferPointer<Scalar>, _ place: UnsafeMutablePointer<Scalar>, _ toPlace: Bool) -> Int {
        guard let base = values.baseAddress else { return 0 }
        if toPlace { place.update(from: base, count: values.count) } else { base.update(from: place, count: values.count) }
        return values.count
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
