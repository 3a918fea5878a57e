import BackpropIO
import BackpropMatrix

/// The training loop: one run of mini-batch (or full-batch) training of a ``Network``, one
/// ``step()`` at a time.
///
/// It validates everything once, in `init(network:X:labels:validation:options:resumingFrom:reducer:)`,
/// then owns the run: the network, the ``TrainingState`` a checkpoint saves, the
/// ``TrainingWorkspace`` whose buffers every step reuses and the ``FirstLayer`` strategy. A
/// step is the loop of llm.c — forward, cost, backward, update — on those buffers:
///
/// ```swift
/// var loop = try TrainingLoop(network: network, X: X, labels: Y, options: options)
/// while !loop.isFinished {
///     while !loop.isEpochComplete { let report = try loop.step() }   // one mini-batch
///     let (epoch, stop) = loop.endEpoch()                            // validation, early stopping
///     if stop != nil { break }
/// }
/// let trained = loop.network
/// ```
///
/// ``Network/train(X:labels:validation:options:resumingFrom:reducer:observer:)`` is that loop with an
/// observer; the command line's training session writes checkpoints from ``state`` and
/// ``network`` at epoch ends, inside one run. ``Network/trainReference(X:labels:options:)`` is
/// the simple reference loop it is tested against (bit for bit with the course's numerics).
///
/// Every step's cost and gradients are checked: a NaN or an infinity stops the step with
/// ``TrainingError/nonFinite(iteration:epoch:layer:quantity:)`` naming the first layer where it
/// appears, before the parameters are touched (they stay those of the last good step).
public struct TrainingLoop<Scalar: MatrixScalar>: Sendable {
    /// The network as trained so far, W(1) as the first-layer strategy holds it (see ``network``).
    @usableFromInline var trainee: Network<Scalar>
    /// Where the run stands, without the first layer's Gram-space coefficients (see ``state``).
    @usableFromInline var progress: TrainingState<Scalar>
    /// Why the first-layer strategy of this run was chosen.
    public let firstLayerReason: String
    /// The settings.
    public let options: TrainingOptions
    /// The inputs, (n_0, m) (no columns when streamed), and the targets, (n_L, m).
    @usableFromInline let X: Matrix<Scalar>, Y: Matrix<Scalar>
    /// The inputs when they are streamed, or `nil`.
    @usableFromInline let stream: (any ExampleStream<Scalar>)?
    /// Xᵀ (m, n_0), one example per row, for shuffled mini-batches in memory with two epochs or
    /// more left, when it fits the memory budget beside X
    /// (``exampleRows(of:options:epochsLeft:)``); `nil` otherwise.
    @usableFromInline let rowsOfX: Matrix<Scalar>?
    /// X_bᵀ (b, n_0), the current mini-batch's rows (from ``rowsOfX`` or the stream) when the
    /// workspace does not keep X_bᵀ (a batch too large: ``TrainingWorkspace/storesTranspose(of:)``).
    @usableFromInline var batchRows: Matrix<Scalar>

    /// Whether this run's mini-batches are gathered as rows of a copy of X held one example per
    /// row (shuffled batches, two epochs or more left, X twice over within the memory budget),
    /// rather than as columns of X.
    public var usesRowsOfX: Bool { rowsOfX != nil }
    /// The keep probability of each layer's output (1: no dropout), from the options.
    @usableFromInline let keepProbabilities: [Double]
    /// Held-out inputs, targets and class indices (`nil` classes for regression).
    @usableFromInline let validation: (X: Matrix<Scalar>, Y: Matrix<Scalar>, classes: [Int]?)?
    /// The buffers of a step, and the first-layer strategy.
    @usableFromInline var workspace: TrainingWorkspace<Scalar>
    /// This epoch's mini-batches, as example indices; `nil` for the full batch.
    @usableFromInline var batches: [[Int]]?
    /// The next mini-batch of the epoch.
    @usableFromInline var nextBatch: Int
    /// Σ cost · examples and Σ examples of this epoch's steps, for the epoch's mean cost.
    @usableFromInline var epochTotals: (weightedCost: Scalar, examples: Int)
    /// C₀, the first step's cost of this run, and the consecutive steps since whose cost
    /// exceeded the limit, for ``TrainingOptions/costGrowthLimit``.
    @usableFromInline var firstCost: (first: Scalar?, stepsAbove: Int)
    /// The ranks this run's batches are split across (``GradientReducer``), or `nil`: one process.
    @usableFromInline let reducer: (any GradientReducer)?
    /// This step's batch: its size b and the positions in it that X_b holds (all of them in one
    /// process; the rank's share otherwise).
    @usableFromInline var batchShare: (columns: Int, kept: Range<Int>)
    /// The flat buffer of the cost and the small gradients the ranks sum together (empty in one process).
    @usableFromInline var reduction: [Scalar]
    /// Whether the large buffers were given huge pages (after the first step).
    @usableFromInline var hugePagesAdvised: Bool

    /// Validates the data, the options and the state to resume from, and sets up the run.
    ///
    /// - Parameters:
    ///   - network: the network to train (its parameters are the starting point).
    ///   - X: the inputs, (n_0, m).
    ///   - labels: as ``Loss/targets(from:outputCount:argument:)`` takes them: (n_L, m), or (1, m)
    ///     class labels for categorical cross-entropy.
    ///   - validation: held-out inputs and labels, evaluated every
    ///     ``TrainingOptions/validationInterval`` epochs and at the last.
    ///   - options: the settings (``TrainingOptions/firstLayer``: how W(1) is trained; `nil`
    ///     picks ``FirstLayerStrategy/choice(for:input:resuming:)``).
    ///   - state: the state to resume from (of an earlier run with the same options); `nil` starts afresh.
    ///   - reducer: the processes each batch is split across (``GradientReducer``: data-parallel
    ///     training, W(1) trained ``FirstLayerStrategy/plain``); `nil`: this process alone.
    /// - Throws: ``TrainingError/invalidInput(_:)`` for invalid options, data, labels, state, a
    ///   first-layer strategy that cannot train with these options (saying why), or a run whose
    ///   parameters, optimiser state and buffers do not fit `MemoryBudget.current`.
    public init(
        network: Network<Scalar>, X: Matrix<Scalar>, labels: Matrix<Scalar>,
        validation: (X: Matrix<Scalar>, labels: Matrix<Scalar>)? = nil, options: TrainingOptions,
        resumingFrom state: TrainingState<Scalar>? = nil, reducer: (any GradientReducer)? = nil
    ) throws(TrainingError) {
        let checked: CheckedRun<Scalar>
        do throws(NetworkError) {
            let Y = try network.checkedTrainingData(X: X, labels: labels, options: options)
            checked = try CheckedRun(network: network, examples: X.columns, Y: Y, validation: validation, options: options, state: state,
                                     choice: reducer != nil ? FirstLayerStrategy.split(asked: options.firstLayer, across: reducer!)
                                        : FirstLayerStrategy.resolve(asked: options.firstLayer, options: options, input: X, resuming: state))
        } catch {
            throw .invalidInput(error)
        }
        self.init(checked, X: X, stream: nil, reducer: reducer)
    }

    /// Validates streamed data (``ExampleStream``), the options and the state to resume from,
    /// and sets up a run that reads X one window of blocks at a time.
    ///
    /// A streamed run needs mini-batches (``TrainingOptions/batchSize``) and
    /// ``TrainingOptions/blockShuffle`` (its blocks and windows are the stream's reads; without
    /// shuffling they are visited in file order); W(1) is trained ``FirstLayerStrategy/plain``.
    /// With the same options, an in-memory run on the same data gives the same bits.
    ///
    /// - Parameters:
    ///   - network: the network to train (its parameters are the starting point).
    ///   - stream: the inputs, m examples of n_0 features.
    ///   - labels: the targets as for ``init(network:X:labels:validation:options:resumingFrom:reducer:)``, (n_L, m) or (1, m), in memory.
    ///   - validation: held-out inputs and labels, in memory.
    ///   - options: the settings, with ``TrainingOptions/batchSize`` and ``TrainingOptions/blockShuffle``.
    ///   - state: the state to resume from; `nil` starts afresh.
    ///   - reducer: the processes each batch is split across (``GradientReducer``); `nil`: this one.
    /// - Throws: ``TrainingError/invalidInput(_:)`` as that initialiser, and for a run without
    ///   mini-batches or block shuffling, or resuming Gram-space coefficients.
    public init(
        network: Network<Scalar>, stream: any ExampleStream<Scalar>, labels: Matrix<Scalar>,
        validation: (X: Matrix<Scalar>, labels: Matrix<Scalar>)? = nil, options: TrainingOptions,
        resumingFrom state: TrainingState<Scalar>? = nil, reducer: (any GradientReducer)? = nil
    ) throws(TrainingError) {
        let checked: CheckedRun<Scalar>
        do throws(NetworkError) {
            let Y = try network.checkedStreamedData(stream, labels: labels, options: options, resuming: state, ranks: reducer?.processCount ?? 0)
            checked = try CheckedRun(network: network, examples: stream.exampleCount, Y: Y, validation: validation, options: options,
                                     state: state, choice: (.plain, "the data are streamed"))
        } catch {
            throw .invalidInput(error)
        }
        self.init(checked, X: Matrix(rows: stream.featureCount, columns: 0), stream: stream, reducer: reducer)
        if options.batchSize == nil { try loadStreamedFullBatch() }
    }

    /// Sets up a run whose data and options were checked.
    init(_ checked: CheckedRun<Scalar>, X: Matrix<Scalar>, stream: (any ExampleStream<Scalar>)?, reducer: (any GradientReducer)?) {
        trainee = checked.network
        Y = checked.Y
        validation = checked.validation
        keepProbabilities = checked.options.layerKeepProbabilities(layerCount: checked.network.layerCount)
        self.X = X
        self.stream = stream
        let epochsLeft = checked.options.epochs - (checked.state?.epoch ?? 0)
        rowsOfX = stream == nil ? Self.exampleRows(of: X, options: checked.options, epochsLeft: epochsLeft) : nil
        batchRows = Matrix(rows: 0, columns: 0)
        options = checked.options
        progress = checked.state ?? TrainingState(optimizer: checked.options.optimizer, parameters: checked.network.parameters)
        firstLayerReason = checked.choice.reason
        workspace = TrainingWorkspace(layerDims: checked.network.architecture.layerDims, firstLayer: checked.choice.strategy)
        batches = nil
        nextBatch = 0
        epochTotals = (0, 0)
        firstCost = (nil, 0)
        self.reducer = reducer
        batchShare = (0, 0..<0)
        reduction = []
        hugePagesAdvised = false
        startFirstLayer()
        if options.batchSize == nil && stream == nil { loadFullBatch() }
        beginEpoch()
    }

    /// Puts the first layer in the form its strategy trains: Gram space from W(1) (or from the
    /// resumed coefficients); or, resuming Gram coefficients with another strategy, W(1) and
    /// its momentum formed.
    mutating func startFirstLayer() {
        if firstLayerStrategy == .gram {
            let coefficients = progress.firstLayer
                ?? FirstLayerCoefficients(initialWeights: trainee.parameters.layers[0].W, examples: X.columns, optimizer: options.optimizer)
            workspace.firstLayer.startGram(input: X, coefficients: coefficients)
        } else if let coefficients = progress.firstLayer {
            trainee.parameters.layers[0].W = coefficients.weights(input: X)
            if let velocity = coefficients.velocity(input: X) { progress.optimizerState.firstMoments[0].W = velocity }
        }
        progress.firstLayer = nil
    }

    /// The network as trained so far; in Gram space W(1) is formed for it (one product).
    public var network: Network<Scalar> {
        guard workspace.firstLayer.coefficients != nil else { return trainee }
        var formed = trainee
        formed.parameters.layers[0].W = workspace.firstLayer.formedWeights(trainee.parameters.layers[0].W)
        return formed
    }

    /// Where the run stands: epochs and iterations done, the optimiser's moments, early
    /// stopping, and in Gram space the first layer's coefficients (``TrainingState/firstLayer``).
    public var state: TrainingState<Scalar> {
        var state = progress
        state.firstLayer = workspace.firstLayer.coefficients
        return state
    }

    /// Whether every epoch of ``TrainingOptions/epochs`` has run.
    @inlinable
    public var isFinished: Bool { progress.epoch >= options.epochs }

    /// Whether this epoch's last mini-batch has run (time for ``endEpoch()``).
    @inlinable
    public var isEpochComplete: Bool { isFinished || nextBatch >= batchesPerEpoch }

    /// The number of mini-batches of an epoch (1 for the full batch).
    @inlinable
    public var batchesPerEpoch: Int { batches?.count ?? 1 }

    /// The first-layer strategy of this run.
    public var firstLayerStrategy: FirstLayerStrategy { workspace.firstLayer.strategy }

    /// The full batch, once: X_b = X (no copy; a rank's share of the columns when the batch is
    /// split), its transpose when small enough, Y_b = Y.
    mutating func loadFullBatch() {
        batchShare = (X.columns, reducer?.share(of: 0..<X.columns) ?? 0..<X.columns)
        workspace.inputBatch = reducer == nil ? X : X.columns(in: batchShare.kept)
        workspace.transposeInputIfSmall()
        workspace.targetBatch = reducer == nil ? Y : Y.columns(in: batchShare.kept)
    }

    /// The full batch of a streamed rank, once: its share of the examples read from the stream
    /// (and nothing else), then the stream's window dropped.
    ///
    /// - Throws: ``TrainingError/input(_:)`` when the stream cannot read an example.
    mutating func loadStreamedFullBatch() throws(TrainingError) {
        guard let stream else { return }
        let m = stream.exampleCount
        batchShare = (m, reducer?.share(of: 0..<m) ?? 0..<m)
        let blocks = Self.shareBlocks(examples: m)
        stream.begin(windows: blocks.sequentialWindows(examples: m), blockSize: blocks.blockSize,
                     reading: ExampleSelection(examples: m, range: batchShare.kept))
        do { try stream.gather(Array(batchShare.kept)[...], into: &workspace.inputBatch) } catch { throw .input(error) }
        stream.begin(windows: [], blockSize: blocks.blockSize)
        workspace.transposeInputIfSmall()
        workspace.targetBatch = Y.columns(in: batchShare.kept)
    }

    /// The blocks a streamed rank reads without ``TrainingOptions/blockShuffle``: blocks of 1024
    /// of the `m` examples, all in one window per epoch, which holds the rank's share of the epoch.
    static func shareBlocks(examples m: Int) -> BlockShuffle {
        let blockSize = 1024
        return BlockShuffle(blockSize: blockSize, bufferBlocks: Swift.max(1, (m + blockSize - 1) / blockSize))
    }

    /// Xᵀ (m, n_0) for a run of mini-batches in memory, so that each batch is gathered as b
    /// contiguous rows: X_b's columns are b · n_0 values scattered over X (n_0, m), a cache miss
    /// each, which took 45% of a W2 step ([784, 128, 64, 10], batch 64, one thread). `nil` for
    /// the full batch, for unshuffled batches (consecutive columns, which the column gather
    /// copies as one run per row), when X and Xᵀ together exceed the memory budget
    /// (`MemoryBudget.current`), or for fewer than two epochs left: making Xᵀ (allocating it,
    /// mostly) costs about what one epoch of column gathers costs (60,000 × 784 float: about
    /// 0.3 s, against one W2 epoch of 0.41 s from columns and 0.24 s from rows), so it pays from
    /// the second epoch.
    static func exampleRows(of X: Matrix<Scalar>, options: TrainingOptions, epochsLeft: Int) -> Matrix<Scalar>? {
        guard options.batchSize != nil, options.shuffle, epochsLeft >= 2, X.count > 0,
              MemoryBudget.current.refusal(bytes: MemoryBudget.size(shape: [2, X.rows, X.columns], elementSize: MemoryLayout<Scalar>.stride),
                                           for: "X and its transpose") == nil else { return nil }
        return X.transposed
    }

    /// This epoch's mini-batch order, from the seed and the epoch number (so a resumed run draws
    /// the same batches); nothing for the full batch.
    mutating func beginEpoch() {
        nextBatch = 0
        epochTotals = (0, 0)
        guard let batchSize = options.batchSize, !isFinished else { return }
        batches = try? miniBatchIndices(examples: exampleCount, batchSize: batchSize, shuffle: options.shuffle,
                                        seed: options.seed, epoch: progress.epoch, dropLast: options.dropLast,
                                        blockShuffle: options.blockShuffle)
        if let stream {
            let blocks = options.blockShuffle ?? Self.shareBlocks(examples: exampleCount)
            let windows = options.shuffle && options.blockShuffle != nil
                ? blocks.order(examples: exampleCount, seed: options.seed, epoch: progress.epoch).windows
                : blocks.sequentialWindows(examples: exampleCount)
            stream.begin(windows: windows, blockSize: blocks.blockSize, reading: rankSelection)
        }
    }

    /// The examples this rank gathers this epoch (its share of every batch), or `nil`: one
    /// process reads every example.
    var rankSelection: ExampleSelection? {
        guard let reducer, let batches else { return nil }
        return ExampleSelection(examples: exampleCount, lists: batches.lazy.map { $0[reducer.share(of: $0.indices)] })
    }

    /// m, the number of training examples.
    @inlinable
    public var exampleCount: Int { stream?.exampleCount ?? X.columns }
}

extension Network {
    /// Checks X and labels for training and returns the targets Y, (n_L, m).
    ///
    /// - Throws: ``NetworkError`` for options, shapes or labels that do not fit, no examples,
    ///   a NaN or infinity in X, or a batch size above m when the last partial batch is dropped.
    func checkedTrainingData(X: Matrix<Scalar>, labels: Matrix<Scalar>, options: TrainingOptions) throws(NetworkError) -> Matrix<Scalar> {
        try options.validate(layerCount: layerCount)
        let Y = try checkedTargets(X: X, labels: labels)
        guard X.columns > 0 else {
            throw NetworkError(argument: "X", value: "shape (\(X.rows), 0)", expected: "at least one example")
        }
        try checkFinite(X, argument: "X")
        if let batchSize = options.batchSize, options.dropLast, batchSize > X.columns {
            throw NetworkError(argument: "batchSize", value: "\(batchSize)",
                               expected: "at most \(X.columns) (the number of examples) when the last partial batch is dropped")
        }
        return Y
    }

    /// Checks held-out data and returns its inputs, targets and class indices.
    func checkedValidationData(
        _ data: (X: Matrix<Scalar>, labels: Matrix<Scalar>)
    ) throws(NetworkError) -> (X: Matrix<Scalar>, Y: Matrix<Scalar>, classes: [Int]?) {
        let Y = try checkedTargets(X: data.X, labels: data.labels, labelsArgument: "validation labels")
        try checkFinite(data.X, argument: "validation X")
        return (data.X, Y, loss == .meanSquaredError ? nil : try classIndices(from: Y))
    }

    /// Checks that `state` (if any) belongs to this network's training with `options` on
    /// `examples` examples (Gram-space coefficients hold one column per example).
    ///
    /// - Throws: ``NetworkError`` naming `optimizer`, `resumingFrom` or `first-layer.R`.
    func checkResumable(_ state: TrainingState<Scalar>?, options: TrainingOptions, examples m: Int) throws(NetworkError) {
        guard let state else { return }
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
        if let coefficients = state.firstLayer {
            let W = parameters.layers[0].W, W0 = coefficients.initialWeights, R = coefficients.R
            guard W0.rows == W.rows && W0.columns == W.columns && R.rows == W.rows && R.columns == m else {
                throw NetworkError(argument: "first-layer.R", value: "shape (\(R.rows), \(R.columns))",
                                   expected: "(\(W.rows), \(m)): one column per example of the data the Gram-space run trained on")
            }
        }
    }
}
