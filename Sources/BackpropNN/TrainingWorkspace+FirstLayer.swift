import BackpropMatrix

extension TrainingWorkspace {
    /// The deferred part of a full-batch gradient-descent step (``defersFirstWeightGradient``):
    /// dW(1) from the deltas of the step just run, the update W(1)' = W(1) − α dW(1), and, for
    /// the next iteration, Z(1) = W(1)' X, in one pass over X
    /// (``BackpropMatrix/Matrix/firstLayerGradientStep(weights:deltas:input:gradientScale:l2:learningRate:updatedWeights:nextPreActivation:)``):
    /// the same bits as the backward pass's dW(1), the optimiser's update and the next forward
    /// product run one after the other.
    ///
    /// W(1)' lands in `gradients.layers[0].W` (whose storage is free: dW(1) is never stored
    /// whole); the caller swaps it with the network's W(1). The next Z(1) lands in
    /// `preActivations[0]`, and ``firstProductIsCurrent`` says so.
    ///
    /// - Parameters:
    ///   - W: W(1), (n_1, n_0), as it was for the step.
    ///   - learningRate: α.
    ///   - lambda: the L2 strength λ ≥ 0 of the step.
    ///   - computingNext: whether another iteration follows (else the next Z(1) is skipped).
    /// - Returns: `false` when dW(1) holds a NaN or an infinity; W(1) is then untouched.
    @inlinable
    public mutating func updateFirstLayer(weights W: Matrix<Scalar>, learningRate: Scalar, lambda: Scalar, computingNext: Bool) -> Bool {
        precondition(defersFirstWeightGradient, "TrainingWorkspace.updateFirstLayer: the step did not defer dW(1)")
        let m = inputBatch.columns
        // Move Z(1)'s storage out and back, so that writing it never copies.
        var next: Matrix<Scalar>? = nil
        if computingNext {
            next = preActivations[0]
            preActivations[0] = Matrix(rows: 0, columns: 0)
        }
        let finite = Matrix.firstLayerGradientStep(
            weights: W, deltas: deltas[0], input: inputBatch,
            gradientScale: deferredGradientScale, l2: lambda == 0 ? 0 : lambda / Scalar(m), learningRate: learningRate,
            updatedWeights: &gradients.layers[0].W, nextPreActivation: &next)
        if let next {
            preActivations[0] = next
            firstProductIsCurrent = finite
        }
        return finite
    }
}
