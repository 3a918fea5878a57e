import BackpropMatrix

/// The buffers one training step needs, allocated once and reused by every iteration, so that a
/// training loop in steady state allocates nothing: the pre-activations Z(l) and activations
/// A(l) of the forward pass, the deltas dZ(l) and upstream gradients dA(l) of the backward pass,
/// the gradients dW(l), db(l), and the current mini-batch X_b, its transpose X_bᵀ and Y_b.
///
/// A buffer keeps its storage when the batch size changes to one it has seen (see
/// `Matrix.resize(rows:columns:)`); only a larger batch grows it.
///
/// ``TrainingLoop`` creates one per run and drives it through
/// ``step(parameters:activations:loss:lambda:numerics:)``; the simple step
/// (``Network/forward(_:dropout:)``, ``Network/backward(output:caches:targets:lambda:numerics:computingInputGradient:)``,
/// in ``Network/trainReference(X:labels:options:)``) stays the reference the tests compare it with.
///
/// Shapes, for a batch of b examples and layers of n_0 … n_L units: Z(l), A(l), dZ(l) (n_l, b);
/// dA(l) (n_l, b) for l = 1…L−1 (dA(0), the gradient with respect to X, is never computed);
/// X_b (n_0, b), X_bᵀ (b, n_0), Y_b (n_L, b).
public struct TrainingWorkspace<Scalar: MatrixScalar>: Sendable {
    /// Z(l) = W(l) A(l−1) + b(l) for l = 1…L (`preActivations[l - 1]`), (n_l, b).
    public var preActivations: [Matrix<Scalar>]
    /// A(l) = g_l(Z(l)) for l = 1…L (`activations[l - 1]`), (n_l, b).
    public var activations: [Matrix<Scalar>]
    /// dZ(l) for l = 1…L (`deltas[l - 1]`), (n_l, b); per example, or already divided by b
    /// where the fused output delta carries the 1/b (see ``Loss/scalesOutputDelta(activation:numerics:)``).
    public var deltas: [Matrix<Scalar>]
    /// dA(l) = W(l+1)ᵀ dZ(l+1) for l = 1…L−1 (`upstream[l - 1]`), (n_l, b).
    public var upstream: [Matrix<Scalar>]
    /// dW(l) (n_l, n_{l-1}) and db(l) (n_l, 1) of the last step; `activations` is empty.
    public var gradients: Gradients<Scalar>
    /// The current mini-batch X_b, (n_0, b) (unused for full-batch training, which reads X).
    public var inputBatch: Matrix<Scalar>
    /// X_bᵀ, (b, n_0), or empty: the stored transpose that makes dW(1) = dZ(1) · X_bᵀ a product
    /// of two non-transposed operands. Worth it only while X_b and X_bᵀ both stay in cache (see
    /// ``storesTranspose(of:)``); for a large full batch (W1: X is 10 MB) the forward product
    /// W(1) X and dW(1) would stream two copies from memory every step, and reading X by stride
    /// (the kernels' in-register transposing pack) is faster.
    public var inputTransposed: Matrix<Scalar>
    /// The current targets Y_b, (n_L, b).
    public var targetBatch: Matrix<Scalar>
    /// The dropout masks D(l) of the current step for l = 1…L (`dropout[l - 1]`), (n_l, b), or
    /// `nil` for a layer without dropout (and for every layer when the run has none). Drawn by
    /// ``drawDropoutMasks(keepProbabilities:using:)`` into reused storage.
    public var dropout: [DropoutMask<Scalar>?]
    /// dA(L), (n_L, b): scratch for the output layers whose dZ(L) is not fused (see
    /// ``Loss/outputDelta(output:preActivation:targets:activation:numerics:scale:into:gradient:)``).
    public var outputGradient: Matrix<Scalar>
    /// Who computes W(1)'s forward product, its gradient and its update (``FirstLayer``).
    public var firstLayer: FirstLayer<Scalar>
    /// The examples the batch's mean cost and gradients divide by, or `nil`: X_b's columns. A
    /// rank of data-parallel training holds m_r columns of a batch of b and sets b, so that its
    /// cost and gradients are its part of the batch's ((1/b) Σ over its examples): the ranks'
    /// parts add up to the batch's, with nothing to rescale.
    public var meanExamples: Int?

    /// Empty buffers for a network of layer sizes [n_0, n_1, …, n_L]; they take their shapes
    /// on first use.
    ///
    /// - Parameters:
    ///   - layerDims: [n_0, n_1, …, n_L].
    ///   - firstLayer: how W(1) is trained (``FirstLayerStrategy/plain`` by default).
    /// - Precondition: at least one layer.
    public init(layerDims: [Int], firstLayer: FirstLayerStrategy = .plain) {
        precondition(layerDims.count >= 2, "TrainingWorkspace: layer sizes \(layerDims) have no layer")
        let L = layerDims.count - 1
        let empty = Matrix<Scalar>(rows: 0, columns: 0)
        preActivations = Array(repeating: empty, count: L)
        activations = Array(repeating: empty, count: L)
        deltas = Array(repeating: empty, count: L)
        upstream = Array(repeating: empty, count: Swift.max(L - 1, 0))
        // Distinct storage per gradient (a shared empty buffer would be copied on first write).
        gradients = Gradients(
            layers: (1...L).map { l in
                DenseParameters(W: Matrix(rows: layerDims[l], columns: layerDims[l - 1]), b: Matrix(rows: layerDims[l], columns: 1))
            },
            activations: [])
        inputBatch = empty
        inputTransposed = empty
        targetBatch = empty
        dropout = Array(repeating: nil, count: L)
        outputGradient = empty
        self.firstLayer = FirstLayer(strategy: firstLayer)
        meanExamples = nil
    }

    /// Draws this step's dropout masks for a batch of `inputBatch.columns` examples: a mask for
    /// each layer whose keep probability is below 1, layer by layer, row by row, the same values
    /// ``Network/dropoutMasks(keepProbabilities:examples:using:)`` draws from the same generator.
    ///
    /// - Parameters:
    ///   - keepProbabilities: one per layer (1…L), each in (0, 1].
    ///   - generator: the seeded generator the masks are drawn from.
    public mutating func drawDropoutMasks(keepProbabilities: [Double], using generator: inout SeededGenerator) {
        drawDropoutMasks(keepProbabilities: keepProbabilities, batchColumns: inputBatch.columns, keeping: 0..<inputBatch.columns, using: &generator)
    }

    /// Masks drawn for a batch of `batchColumns` examples, of which X_b holds the columns `kept`
    /// (a rank's share, ``GradientReducer``).
    public mutating func drawDropoutMasks(keepProbabilities: [Double], batchColumns: Int, keeping kept: Range<Int>,
                                          using generator: inout SeededGenerator) {
        precondition(keepProbabilities.count == layerCount,
                     "TrainingWorkspace: \(keepProbabilities.count) keep probabilities for \(layerCount) layers")
        for (l, keep) in keepProbabilities.enumerated() {
            guard keep < 1 else { dropout[l] = nil; continue }
            let units = gradients.layers[l].W.rows
            if dropout[l] == nil { dropout[l] = DropoutMask(mask: Matrix(rows: 0, columns: 0), keepProbability: Scalar(keep)) }
            dropout[l]!.redraw(rows: units, columns: batchColumns, keeping: kept, keepProbability: keep, using: &generator)
        }
    }

    /// The largest X_b, in bytes, whose transpose is stored (2 MiB: X_b and X_bᵀ then fit in L2
    /// or L3 with room for the rest of the step).
    public static var transposeLimitBytes: Int { 2 << 20 }

    /// Whether training should store X_bᵀ for this batch (see ``inputTransposed``).
    public static func storesTranspose(of batch: Matrix<Scalar>) -> Bool {
        storesTranspose(values: batch.count)
    }

    /// Whether training should store X_bᵀ for a batch of `values` values (b · n_0).
    static func storesTranspose(values: Int) -> Bool {
        values * MemoryLayout<Scalar>.stride <= transposeLimitBytes
    }

    /// Makes X_b (n_0, b) from its examples as rows, X_bᵀ (b, n_0), which `fill` writes (and
    /// resizes): into ``inputTransposed`` when the batch is small enough to keep it
    /// (``storesTranspose(of:)``), then one transpose into ``inputBatch``; else into `scratch`,
    /// transposed the same way, with ``inputTransposed`` emptied. `values` is b · n_0.
    mutating func loadInput<Failure: Error>(
        rowsOf values: Int, scratch: inout Matrix<Scalar>, _ fill: (inout Matrix<Scalar>) throws(Failure) -> Void
    ) throws(Failure) {
        if Self.storesTranspose(values: values) {
            try fill(&inputTransposed)
            Matrix.transpose(inputTransposed, into: &inputBatch)
        } else {
            try fill(&scratch)
            Matrix.transpose(scratch, into: &inputBatch)
            inputTransposed.resize(rows: 0, columns: 0)
        }
    }

    /// Stores X_bᵀ for the batch in ``inputBatch`` when it is small enough
    /// (``storesTranspose(of:)``), else empties ``inputTransposed``.
    mutating func transposeInputIfSmall() {
        if Self.storesTranspose(of: inputBatch) {
            Matrix.transpose(inputBatch, into: &inputTransposed)
        } else {
            inputTransposed.resize(rows: 0, columns: 0)
        }
    }

    /// L, the number of layers.
    public var layerCount: Int { preActivations.count }

    /// The base addresses of every buffer's storage, for tests that check that steady-state
    /// iterations reuse storage instead of allocating.
    public var storageAddresses: [UnsafeRawPointer?] {
        var all = preActivations + activations + deltas + upstream
        all += gradients.layers.flatMap { [$0.W, $0.b] }
        all += [inputBatch, inputTransposed, targetBatch]
        if !outputGradient.isEmpty { all.append(outputGradient) }
        all += dropout.compactMap { $0?.mask }
        return all.map { $0.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }
    }
}
