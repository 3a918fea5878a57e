import BackpropMatrix

extension Network {
    /// The reference training loop: the simple step functions, one mini-batch at a time, with a
    /// fresh allocation for every value — ``forward(_:dropout:)`` (``modelForward(X:parameters:activations:dropout:)``),
    /// ``cost(output:caches:targets:lambda:numerics:)``, ``backward(output:caches:targets:lambda:numerics:computingInputGradient:)``
    /// (``modelBackward(dZL:caches:activations:lambda:computingInputGradient:)``) and
    /// ``OptimizerState/update(_:gradients:learningRate:)``, with the mini-batches and dropout
    /// masks ``TrainingLoop`` draws.
    ///
    /// It is the yardstick of the fast loop (``train(X:labels:validation:options:resumingFrom:reducer:observer:)``,
    /// ``TrainingLoop``), which must give its costs and parameters bit for bit with
    /// ``LossNumerics/course`` and to rounding otherwise (the fused output delta places the 1/b
    /// differently; the single-precision sigmoid kernel is within 2 ulp). Options it does not
    /// follow: validation, early stopping and the cost interval (every cost is returned).
    ///
    /// - Parameters:
    ///   - X: the inputs, (n_0, m).
    ///   - labels: as ``Loss/targets(from:outputCount:argument:)`` takes them.
    ///   - options: the settings.
    /// - Returns: the cost of every iteration, before its update.
    /// - Throws: ``TrainingError/invalidInput(_:)`` for invalid options, data or labels.
    public mutating func trainReference(
        X: Matrix<Scalar>, labels: Matrix<Scalar>, options: TrainingOptions
    ) throws(TrainingError) -> [Scalar] {
        let Y: Matrix<Scalar>
        do { Y = try checkedTrainingData(X: X, labels: labels, options: options) } catch { throw .invalidInput(error) }
        var state = OptimizerState<Scalar>(optimizer: options.optimizer, parameters: parameters)
        let keep = options.layerKeepProbabilities(layerCount: layerCount)
        let lambda = Scalar(options.lambda)
        var costs: [Scalar] = []
        for epoch in 0..<options.epochs {
            let alpha = Scalar(options.schedule.learningRate(initial: options.learningRate, epoch: epoch))
            let batches = (try? miniBatchIndices(examples: X.columns, batchSize: options.batchSize, shuffle: options.shuffle,
                                                 seed: options.seed, epoch: epoch, dropLast: options.dropLast,
                                                 blockShuffle: options.blockShuffle)) ?? []
            for batch in batches {
                let Xb = X.columns(at: batch), Yb = Y.columns(at: batch)
                var generator = SeededGenerator(seed: UInt64(options.seed) << 32 ^ UInt64(truncatingIfNeeded: costs.count))
                let masks = keep.contains { $0 < 1 } ? dropoutMasks(keepProbabilities: keep, examples: Xb.columns, using: &generator) : nil
                let (output, caches) = forward(Xb, dropout: masks)
                costs.append(cost(output: output, caches: caches, targets: Yb, lambda: lambda, numerics: options.numerics))
                let gradients = backward(output: output, caches: caches, targets: Yb, lambda: lambda,
                                         numerics: options.numerics, computingInputGradient: false)
                state.update(&parameters, gradients: gradients, learningRate: alpha)
            }
        }
        return costs
    }
}
