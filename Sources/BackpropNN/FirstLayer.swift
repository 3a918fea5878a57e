import BackpropMatrix

/// How the first layer's weights W(1) are trained: who computes Z(1) = W(1)·X_b, dW(1) and
/// W(1)'s update.
///
/// The first layer is where most of the arithmetic is when the input is wide (the course's
/// cats: 12288 features), and where the faster schemes work. Each strategy is owned by one
/// ``FirstLayer`` value, which holds its buffers; a new strategy is a new case here and a new
/// branch in ``FirstLayer``'s four methods.
public enum FirstLayerStrategy: String, Sendable, CaseIterable {
    /// As every other layer: Z(1) = W(1)·X_b in the forward pass, dW(1) = dZ(1)·X_bᵀ in the
    /// backward pass, and the optimiser's update.
    case plain
    /// Full-batch gradient descent: dW(1), the update W(1)' = W(1) − α dW(1) and the next
    /// iteration's Z(1) = W(1)'·X in one pass over X
    /// (`Matrix.firstLayerGradientStep(weights:deltas:input:gradientScale:l2:learningRate:updatedWeights:nextPreActivation:)`),
    /// so that each step reads X from memory once instead of twice. The same bits as ``plain``.
    case fused
    /// Full-batch gradient descent or momentum: W(1) kept as c·W(1)₀ + R·Xᵀ and updated in
    /// Gram space, P = W(1)·X = c·P₀ + R·G with G = XᵀX computed once, so that a step costs
    /// n_1·m² multiply-adds for the first layer instead of 2·n_1·n_0·m and never reads X; W(1)
    /// is formed (one product) only when it is read. The same costs and parameters as ``plain``
    /// to rounding (see ``FirstLayerCoefficients``).
    case gram

    /// The most memory G = XᵀX may take for ``gram`` to be chosen: 256 MiB.
    public static let gramMemoryLimit = 256 << 20

    /// The strategy training uses when none is asked for, and why:
    /// - ``gram`` when it can train with `options` (see ``supports(_:)``), X has at most half
    ///   as many examples as features (m ≤ n_0 / 2: the Gram product n_1·m² then costs at most a
    ///   quarter of the two products it replaces) and G fits ``gramMemoryLimit``, unless a
    ///   momentum state from another strategy is resumed (its velocity is not in Gram form);
    /// - else ``fused`` for full-batch gradient descent on an X too large to keep a transpose of
    ///   (``TrainingWorkspace/storesTranspose(of:)``: the pass then saves a read of X from memory);
    /// - else ``plain``.
    public static func choice<T: MatrixScalar>(
        for options: TrainingOptions, input X: Matrix<T>, resuming state: TrainingState<T>? = nil
    ) -> (strategy: FirstLayerStrategy, reason: String) {
        let m = X.columns, n0 = X.rows
        if let reason = gram.refusal(options: options, input: X, resuming: state) {
            if fused.supports(options) && !TrainingWorkspace<T>.storesTranspose(of: X) {
                return (.fused, "full-batch gradient descent on a large X (\(n0) × \(m)); not gram: \(reason)")
            }
            return (.plain, "not gram: \(reason)")
        }
        return (.gram, "full batch, \(options.optimizer.name), m = \(m) ≤ n_x / 2 = \(n0 / 2)")
    }

    /// The strategy of a run whose batches are split across processes (``GradientReducer``):
    /// ``plain`` (fused and Gram-space training need every example in one process).
    ///
    /// - Throws: ``NetworkError`` naming `firstLayer` when another strategy is asked for.
    public static func split(asked: FirstLayerStrategy?, across reducer: any GradientReducer) throws(NetworkError) -> (FirstLayerStrategy, String) {
        if let asked, asked != .plain {
            throw NetworkError(argument: "firstLayer", value: asked.rawValue, expected: "plain when the batches are split across processes")
        }
        return (.plain, "the batches are split across \(reducer.processCount) processes")
    }

    /// The strategy `asked` for (checked), or when `nil` the ``choice(for:input:resuming:)``,
    /// with the reason.
    ///
    /// - Throws: ``NetworkError`` naming `firstLayer` and why the asked-for strategy cannot
    ///   train this run.
    public static func resolve<T: MatrixScalar>(
        asked: FirstLayerStrategy?, options: TrainingOptions, input X: Matrix<T>, resuming state: TrainingState<T>?
    ) throws(NetworkError) -> (strategy: FirstLayerStrategy, reason: String) {
        guard let asked else { return choice(for: options, input: X, resuming: state) }
        if let refusal = asked.refusal(options: options, input: X, resuming: state) {
            throw NetworkError(argument: "firstLayer", value: asked.rawValue, expected: "a strategy that can train this run: \(refusal)")
        }
        return (asked, "asked for")
    }

    /// Why this strategy cannot (or, for ``gram``, should not) train X with `options`, or `nil`.
    public func refusal<T: MatrixScalar>(options: TrainingOptions, input X: Matrix<T>, resuming state: TrainingState<T>?) -> String? {
        switch self {
        case .plain: return nil
        case .fused:
            if options.batchSize != nil { return "it needs the full batch" }
            return supports(options) ? nil : "it needs gradient descent (this run: \(options.optimizer.name))"
        case .gram: return gramRefusal(options: options, input: X, resuming: state)
        }
    }

    /// Why ``gram`` cannot or should not train X with `options`, or `nil`.
    func gramRefusal<T: MatrixScalar>(options: TrainingOptions, input X: Matrix<T>, resuming state: TrainingState<T>?) -> String? {
        if options.batchSize != nil { return "it needs the full batch" }
        if !supports(options) { return "it needs gradient descent or momentum (this run: \(options.optimizer.name))" }
        if X.columns * 2 > X.rows { return "m = \(X.columns) is not at most n_x / 2 = \(X.rows / 2)" }
        if X.columns * X.columns * MemoryLayout<T>.stride > Self.gramMemoryLimit {
            return "G = XᵀX would take \(X.columns * X.columns * MemoryLayout<T>.stride >> 20) MiB, above \(Self.gramMemoryLimit >> 20) MiB"
        }
        if let state, state.firstLayer == nil, options.optimizer.usesFirstMoment, state.iteration > 0 {
            return "the resumed momentum state is not in Gram form"
        }
        return nil
    }

    /// Whether this strategy can train with `options`: ``fused`` needs the full batch and
    /// gradient descent, ``gram`` the full batch and gradient descent or momentum.
    public func supports(_ options: TrainingOptions) -> Bool {
        switch self {
        case .plain: return true
        case .fused: return options.batchSize == nil && options.optimizer == .gradientDescent
        case .gram:
            guard options.batchSize == nil else { return false }
            if case .momentum = options.optimizer { return true }
            return options.optimizer == .gradientDescent
        }
    }
}

/// The owner of W(1)'s forward product, its gradient and its update for one training run: a
/// ``FirstLayerStrategy`` and the buffers it needs. ``TrainingWorkspace`` calls it at the four
/// points of a step where the first layer differs from the others:
///
/// 1. `product(weights:input:into:)` — Z(1) = W(1)·X_b in the forward pass;
/// 2. `weightGradient(dZ:input:W:scale:l2:into:)` — dW(1) in the backward pass;
/// 3. `finishBackward(weights:gradient:deltas:input:gradientScale:l2:learningRate:computingNext:)` —
///    after the backward pass, before the divergence check: whether dW(1) is finite;
/// 4. `applyUpdate(to:)` — after the optimiser has updated the other parameters
///    (it leaves W(1) alone unless `optimizerUpdatesWeights`).
public struct FirstLayer<Scalar: MatrixScalar>: Sendable {
    /// The strategy.
    public let strategy: FirstLayerStrategy
    /// ``FirstLayerStrategy/fused``: W(1)' from the last pass, (n_1, n_0).
    @usableFromInline var updatedWeights: Matrix<Scalar>
    /// ``FirstLayerStrategy/fused``: W(1)'·X from the last pass, (n_1, m), for the next forward
    /// pass; `nil` when none is pending. Its storage is swapped with Z(1)'s, never copied.
    @usableFromInline var nextProduct: Matrix<Scalar>?
    /// Storage for the next pass's product (Z(1)'s previous storage).
    @usableFromInline var productStorage: Matrix<Scalar>
    /// ``FirstLayerStrategy/gram``: the coefficients and their buffers, once ``startGram(input:coefficients:)`` ran.
    var gram: GramFirstLayer<Scalar>?

    /// A first layer trained by `strategy`, with empty buffers.
    public init(strategy: FirstLayerStrategy) {
        self.strategy = strategy
        updatedWeights = Matrix(rows: 0, columns: 0)
        nextProduct = nil
        productStorage = Matrix(rows: 0, columns: 0)
        gram = nil
    }

    /// ``FirstLayerStrategy/gram``: sets up G = XᵀX, P₀ and P for the full batch X from the
    /// coefficients to start from.
    ///
    /// - Shapes: X (n_0, m).
    mutating func startGram(input X: Matrix<Scalar>, coefficients: FirstLayerCoefficients<Scalar>) {
        precondition(strategy == .gram, "FirstLayer.startGram: the strategy is \(strategy)")
        gram = GramFirstLayer(input: X, coefficients: coefficients)
    }

    /// ``FirstLayerStrategy/gram``: the coefficients of the last good step; `nil` otherwise.
    public var coefficients: FirstLayerCoefficients<Scalar>? { gram?.current }

    /// W(1) as it stands: `W` itself, or, in Gram space, c·W(1)₀ + R·Xᵀ formed (one product).
    func formedWeights(_ W: Matrix<Scalar>) -> Matrix<Scalar> {
        guard let gram else { return W }
        return gram.current.weights(input: gram.input)
    }

    /// ‖W(1)‖² for the L2 term of the cost: Σ w² of `W`, or its Gram-space form.
    @usableFromInline
    func squaredNorm(of W: Matrix<Scalar>) -> Scalar {
        gram?.squaredNorm ?? sumOfSquares(W)
    }

    /// Whether the optimiser updates W(1) from dW(1) (else ``applyUpdate(to:)`` does).
    @usableFromInline
    var optimizerUpdatesWeights: Bool { strategy == .plain }

    /// Z(1) = W(1)·X_b into `Z`: the product the last fused pass computed, when one is pending.
    ///
    /// - Shapes: W (n_1, n_0), X (n_0, b) → Z (n_1, b).
    @usableFromInline
    mutating func product(weights W: Matrix<Scalar>, input X: Matrix<Scalar>, into Z: inout Matrix<Scalar>) {
        if let gram {
            Z.resize(rows: gram.product.rows, columns: gram.product.columns)
            Z.withUnsafeMutableBufferPointer { z in gram.product.withUnsafeBufferPointer { p in for i in z.indices { z[i] = p[i] } } }
            return
        }
        guard var next = nextProduct else {
            Matrix.gemm(W, X, into: &Z)
            return
        }
        nextProduct = nil
        swap(&Z, &next)
        productStorage = next
    }

    /// dW(1) = scale · (dZ(1)·X_bᵀ) + l2 · W(1) into `dW` (``FirstLayerStrategy/plain``), as
    /// ``linearWeightGradient(dZ:input:W:scale:l2:into:)`` computes it for every layer; nothing
    /// for ``FirstLayerStrategy/fused`` and ``FirstLayerStrategy/gram``, whose update computes it.
    @usableFromInline
    mutating func weightGradient(
        dZ: Matrix<Scalar>, input: LayerInput<Scalar>, W: Matrix<Scalar>, scale: Scalar?, l2: Scalar,
        into dW: inout Matrix<Scalar>
    ) {
        guard strategy == .plain else { return }
        linearWeightGradient(dZ: dZ, input: input, W: W, scale: scale, l2: l2, into: &dW)
    }

    /// Whether dW(1) holds only finite values. ``FirstLayerStrategy/plain``: `gradient`, the dW(1)
    /// of the backward pass, is checked. ``FirstLayerStrategy/fused``: the pass computes dW(1),
    /// W(1)' = W(1) − α dW(1) and, when `computingNext`, W(1)'·X into this value's buffers (the
    /// network's W(1) is untouched until ``applyUpdate(to:)``); a non-finite dZ(1) is answered
    /// without the pass (X is finite, so a non-finite dZ(1) gives a non-finite dW(1) row).
    ///
    /// - Parameters:
    ///   - W: W(1), (n_1, n_0); `gradient`: dW(1), (n_1, n_0) (plain only).
    ///   - dZ: dZ(1), (n_1, m); `X`: (n_0, m).
    ///   - gradientScale: 1 when dZ(1) carries the 1/m, else 1/m.
    ///   - l2: λ/m, or 0.
    ///   - learningRate: α.
    ///   - computingNext: whether another step follows (else the next product is skipped).
    ///
    /// ``FirstLayerStrategy/gram``: the next coefficients and P (``GramFirstLayer/step(deltas:scale:l2:learningRate:)``);
    /// whether dZ(1), R, c and P are finite.
    @usableFromInline
    mutating func finishBackward(
        weights W: Matrix<Scalar>, gradient: Matrix<Scalar>, deltas dZ: Matrix<Scalar>, input X: Matrix<Scalar>,
        gradientScale: Scalar, l2: Scalar, learningRate: Scalar, computingNext: Bool
    ) -> Bool {
        switch strategy {
        case .plain:
            return gradient.isFinite
        case .fused:
            guard dZ.isFinite else { return false }
            var next: Matrix<Scalar>? = computingNext ? productStorage : nil
            productStorage = Matrix(rows: 0, columns: 0)
            let finite = Matrix.firstLayerGradientStep(
                weights: W, deltas: dZ, input: X, gradientScale: gradientScale, l2: l2, learningRate: learningRate,
                updatedWeights: &updatedWeights, nextPreActivation: &next)
            nextProduct = finite ? next : nil
            return finite
        case .gram:
            return gram!.step(deltas: dZ, scale: gradientScale, l2: l2, learningRate: learningRate)
        }
    }

    /// Moves the update of ``finishBackward(weights:gradient:deltas:input:gradientScale:l2:learningRate:computingNext:)``
    /// into W(1) (``FirstLayerStrategy/fused``: W(1)' and W(1) swap storage); nothing for
    /// ``FirstLayerStrategy/plain``, whose W(1) the optimiser updated; for
    /// ``FirstLayerStrategy/gram`` the new coefficients become current (W stays as it was: it
    /// is formed when read, ``formedWeights(_:)``).
    ///
    /// - Shapes: W (n_1, n_0).
    @usableFromInline
    mutating func applyUpdate(to W: inout Matrix<Scalar>) {
        if strategy == .gram { gram!.commit() }
        guard strategy == .fused else { return }
        precondition(updatedWeights.rows == W.rows && updatedWeights.columns == W.columns,
                     "FirstLayer.applyUpdate: no update of W(1) (\(W.rows), \(W.columns)) was computed")
        swap(&W, &updatedWeights)
    }
}
