import CBackpropKernels

/// The first layer's gradient-descent update fused with the next forward product: one pass
/// over X instead of two.
///
/// Full-batch training reads the same X twice per iteration: for dW(1) = dZ(1) · Xᵀ at the end
/// of the backward pass, and for Z(1) = W(1) · X at the start of the next forward pass. When X
/// is larger than the caches (the course's cat data: 12288 × 209, 10 MB in Float, 20 MB in
/// Double) both products stream it from memory. The update between them is element-wise, so
/// the kernel runs all three block by block over X's rows: a block is read from memory once,
/// for its columns of dW(1), and used again from cache for its share of the next Z(1).
///
/// The results are bit for bit those of the separate steps
/// (``ReferenceKernels/firstLayerGradientStep(weights:deltas:input:gradientScale:l2:learningRate:updatedWeights:nextPreActivation:)``
/// spells them out with ``gemm(_:transposeA:_:transposeB:alpha:beta:into:)``), on every thread
/// count: the blocks are whole multiples of the matrix multiply's inner-dimension block, so
/// every sum is accumulated in the same order.
extension Matrix {
    /// Computes, for the first layer of a network:
    ///
    ///     dW  = gradientScale · (dZ · Xᵀ) + l2 · W      (each operation rounded, in this order)
    ///     W'  = W + (−learningRate) · dW                 → updatedWeights
    ///     Z'  = W' · X                                   → nextPreActivation, unless nil
    ///
    /// the same arithmetic as `dW *= gradientScale; dW.add(W, scaledBy: l2); W.add(dW, scaledBy: -learningRate)`.
    ///
    /// - Parameters:
    ///   - W: the weights W(1), (n_1, n_0).
    ///   - dZ: the deltas dZ(1), (n_1, m).
    ///   - X: the input, (n_0, m).
    ///   - gradientScale: 1, or 1/m when dZ does not carry it yet.
    ///   - l2: λ/m, or 0 without L2 regularisation.
    ///   - learningRate: α.
    ///   - updatedWeights: receives W', (n_1, n_0); its storage is reused when it has that shape.
    ///   - nextPreActivation: receives W' · X, (n_1, m); pass `nil` when no forward pass follows.
    /// - Returns: `false`, leaving `W` untouched and the outputs partly written, as soon as a
    ///   value of dW is a NaN or an infinity; `true` otherwise.
    /// - Precondition: the shapes fit.
    @inlinable
    public static func firstLayerGradientStep(
        weights W: Matrix, deltas dZ: Matrix, input X: Matrix,
        gradientScale: Scalar, l2: Scalar, learningRate: Scalar,
        updatedWeights: inout Matrix, nextPreActivation: inout Matrix?
    ) -> Bool {
        let n1 = W.rows, n0 = W.columns, m = X.columns
        precondition(X.rows == n0 && dZ.rows == n1 && dZ.columns == m,
                     "firstLayerGradientStep: W \(W.shape), dZ \(dZ.shape) and X \(X.shape) do not fit (W (n_1, n_0), dZ (n_1, m), X (n_0, m))")
        updatedWeights.resize(rows: n1, columns: n0)
        nextPreActivation?.resize(rows: n1, columns: m)
        guard n1 > 0, n0 > 0, m > 0 else {
            // Nothing to stream (dZ · Xᵀ is zero or empty): the separate steps.
            return ReferenceKernels.firstLayerGradientStep(
                weights: W, deltas: dZ, input: X, gradientScale: gradientScale, l2: l2, learningRate: learningRate,
                updatedWeights: &updatedWeights, nextPreActivation: &nextPreActivation)
        }
        return W.withUnsafeBufferPointer { w in
            dZ.withUnsafeBufferPointer { dz in
                X.withUnsafeBufferPointer { x in
                    updatedWeights.withUnsafeMutableBufferPointer { wNext in
                        func pass(_ zNext: UnsafeMutablePointer<Scalar>?) -> Bool {
                            Kernels.firstLayerGradientStep(
                                n1: n1, n0: n0, m: m, dz: dz.baseAddress!, x: x.baseAddress!, w: w.baseAddress!,
                                gradientScale: gradientScale, l2: l2, learningRate: learningRate,
                                wNext: wNext.baseAddress!, zNext: zNext)
                        }
                        guard nextPreActivation != nil else { return pass(nil) }
                        return nextPreActivation!.withUnsafeMutableBufferPointer { pass($0.baseAddress!) }
                    }
                }
            }
        }
    }
}

extension Kernels {
    @usableFromInline
    static func firstLayerGradientStep<T: MatrixScalar>(
        n1: Int, n0: Int, m: Int, dz: UnsafePointer<T>, x: UnsafePointer<T>, w: UnsafePointer<T>,
        gradientScale: T, l2: T, learningRate: T, wNext: UnsafeMutablePointer<T>, zNext: UnsafeMutablePointer<T>?
    ) -> Bool {
        if T.self == Float.self {
            return bp_first_layer_gd_f32(n1, n0, m, f32(dz), f32(x), f32(w), Float(gradientScale), Float(l2),
                                         Float(learningRate), f32(wNext), zNext.map { f32($0) }) != 0
        } else {
            return bp_first_layer_gd_f64(n1, n0, m, f64(dz), f64(x), f64(w), Double(gradientScale), Double(l2),
                                         Double(learningRate), f64(wNext), zNext.map { f64($0) }) != 0
        }
    }
}

extension ReferenceKernels {
    /// The separate steps that ``Matrix/firstLayerGradientStep(weights:deltas:input:gradientScale:l2:learningRate:updatedWeights:nextPreActivation:)``
    /// fuses, one after the other: dW = dZ · Xᵀ, dW *= gradientScale, dW += l2 · W,
    /// W' = W + (−learningRate) · dW, Z' = W' · X (the products by ``Matrix/gemm(_:transposeA:_:transposeB:alpha:beta:into:)``).
    /// It must give the same bits.
    ///
    /// - Shapes: W (n_1, n_0), dZ (n_1, m), X (n_0, m); W' (n_1, n_0), Z' (n_1, m).
    /// - Returns: whether every value of dW is finite (W' and Z' are computed either way).
    public static func firstLayerGradientStep<T: MatrixScalar>(
        weights W: Matrix<T>, deltas dZ: Matrix<T>, input X: Matrix<T>,
        gradientScale: T, l2: T, learningRate: T,
        updatedWeights: inout Matrix<T>, nextPreActivation: inout Matrix<T>?
    ) -> Bool {
        var dW = Matrix<T>(rows: 0, columns: 0)
        Matrix.gemm(dZ, X, transposeB: true, into: &dW)
        for i in 0..<dW.count {
            if gradientScale != 1 { dW._elements[i] = dW._elements[i] * gradientScale }
            if l2 != 0 { dW._elements[i] = dW._elements[i] + l2 * W._elements[i] }
        }
        let finite = dW.elements.allSatisfy { $0.isFinite }
        updatedWeights = W
        updatedWeights.add(dW, scaledBy: -learningRate)
        if nextPreActivation != nil { Matrix.gemm(updatedWeights, X, into: &nextPreActivation!) }
        return finite
    }
}
