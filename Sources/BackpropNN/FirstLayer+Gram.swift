import BackpropMatrix

/// The working buffers of a ``FirstLayerStrategy/gram`` first layer: W(1) is never formed while
/// training. With P₀ = W(1)₀·X and G = XᵀX (m, m), computed once,
///
///     P = W(1)·X = c·P₀ + R·G,     ‖W(1)‖² = c²‖W(1)₀‖² + 2c⟨P₀, R⟩ + ⟨R·G, R⟩,
///
/// so a step costs n_1·m² multiply-adds for W(1)'s part instead of 2·n_1·n_0·m (the cats:
/// 0.9 M instead of 103 M) and never reads X.
struct GramFirstLayer<Scalar: MatrixScalar>: Sendable {
    /// The coefficients of the last good step.
    var current: FirstLayerCoefficients<Scalar>
    /// The coefficients the step in progress computed, before the divergence check.
    var pending: FirstLayerCoefficients<Scalar>
    /// X, (n_0, m), for forming W(1).
    let input: Matrix<Scalar>
    /// G = XᵀX, (m, m).
    let gram: Matrix<Scalar>
    /// P₀ = W(1)₀·X, (n_1, m).
    let initialProduct: Matrix<Scalar>
    /// ‖W(1)₀‖².
    let initialSquaredNorm: Scalar
    /// R·G and P = c·P₀ + R·G of `current`, (n_1, m); and of `pending`.
    var coefficientProduct: Matrix<Scalar>, product: Matrix<Scalar>
    var pendingCoefficientProduct: Matrix<Scalar>, pendingProduct: Matrix<Scalar>
    /// The gradient of the coefficients: R_g = s·dZ(1) + (λ/m)·R and c_g = (λ/m)·c as the
    /// layers of ``FirstLayerCoefficients/coefficients`` (zero for their biases).
    var gradient: Gradients<Scalar>

    /// Sets up the Gram run from X and the coefficients to start from (G, P₀, then P).
    init(input X: Matrix<Scalar>, coefficients: FirstLayerCoefficients<Scalar>) {
        current = coefficients
        pending = coefficients
        input = X
        var G = Matrix<Scalar>(rows: 0, columns: 0), P0 = G
        Matrix.gemm(X, transposeA: true, X, into: &G)
        Matrix.gemm(coefficients.initialWeights, X, into: &P0)
        gram = G
        initialProduct = P0
        initialSquaredNorm = Self.dot(coefficients.initialWeights, coefficients.initialWeights)
        coefficientProduct = P0
        product = P0
        pendingCoefficientProduct = P0
        pendingProduct = P0
        gradient = Gradients(layers: coefficients.coefficients.layers.map {
            DenseParameters(W: Matrix(rows: $0.W.rows, columns: $0.W.columns), b: Matrix(rows: $0.b.rows, columns: 1))
        }, activations: [])
        Self.formProduct(current, G: G, P0: P0, RG: &coefficientProduct, P: &product)
    }

    /// R·G, then P = R·G + c·P₀.
    static func formProduct(
        _ k: FirstLayerCoefficients<Scalar>, G: Matrix<Scalar>, P0: Matrix<Scalar>, RG: inout Matrix<Scalar>, P: inout Matrix<Scalar>
    ) {
        Matrix.gemm(k.R, G, into: &RG)
        P.resize(rows: RG.rows, columns: RG.columns)
        P.withUnsafeMutableBufferPointer { p in RG.withUnsafeBufferPointer { rg in for i in p.indices { p[i] = rg[i] } } }
        P.add(P0, scaledBy: k.c)
    }

    /// Σ a·b over every element.
    static func dot(_ a: Matrix<Scalar>, _ b: Matrix<Scalar>) -> Scalar {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in
            var total: Scalar = 0
            for i in x.indices { total += x[i] * y[i] }
            return total
        } }
    }

    /// ‖W(1)‖² = c²‖W(1)₀‖² + 2c⟨P₀, R⟩ + ⟨R·G, R⟩, for the L2 term of the cost.
    var squaredNorm: Scalar {
        let c = current.c
        return c * c * initialSquaredNorm + 2 * c * Self.dot(initialProduct, current.R) + Self.dot(coefficientProduct, current.R)
    }

    /// The next coefficients into `pending`: the gradient (R_g, c_g) from dZ(1), one step of the
    /// coefficients' optimiser, and the new P. Returns whether dZ(1), R, c and P are finite.
    ///
    /// - Parameters:
    ///   - dZ: dZ(1), (n_1, m).
    ///   - scale: 1 when dZ(1) carries the 1/m, else 1/m.
    ///   - l2: λ/m, or 0.
    ///   - learningRate: α.
    mutating func step(deltas dZ: Matrix<Scalar>, scale: Scalar, l2: Scalar, learningRate: Scalar) -> Bool {
        guard dZ.isFinite else { return false }
        gradient.layers[0].W = dZ
        if scale != 1 { gradient.layers[0].W *= scale }
        if l2 != 0 { gradient.layers[0].W.add(current.R, scaledBy: l2) }
        gradient.layers[1].W.elements[0] = l2 * current.c
        pending = current
        pending.optimizerState.update(&pending.coefficients, gradients: gradient, learningRate: learningRate)
        Self.formProduct(pending, G: gram, P0: initialProduct, RG: &pendingCoefficientProduct, P: &pendingProduct)
        return pending.R.isFinite && pending.c.isFinite && pendingProduct.isFinite
    }

    /// Makes the pending coefficients current.
    mutating func commit() {
        swap(&current, &pending)
        swap(&coefficientProduct, &pendingCoefficientProduct)
        swap(&product, &pendingProduct)
    }
}
