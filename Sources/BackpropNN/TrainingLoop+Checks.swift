import BackpropIO
import BackpropMatrix

/// What a ``TrainingLoop`` starts from once its data, options and state were checked.
struct CheckedRun<Scalar: MatrixScalar> {
    let network: Network<Scalar>
    /// The targets, (n_L, m).
    let Y: Matrix<Scalar>
    /// Held-out inputs, targets and class indices.
    let validation: (X: Matrix<Scalar>, Y: Matrix<Scalar>, classes: [Int]?)?
    let options: TrainingOptions
    let state: TrainingState<Scalar>?
    /// The first layer's strategy and why.
    let choice: (strategy: FirstLayerStrategy, reason: String)

    /// Checks what every run checks besides its training data: held-out data, the state to
    /// resume from, and the memory of parameters, optimiser state and buffers.
    ///
    /// - Throws: ``NetworkError`` naming what does not fit.
    init(
        network: Network<Scalar>, examples m: Int, Y: Matrix<Scalar>, validation: (X: Matrix<Scalar>, labels: Matrix<Scalar>)?,
        options: TrainingOptions, state: TrainingState<Scalar>?, choice: @autoclosure () throws(NetworkError) -> (FirstLayerStrategy, String)
    ) throws(NetworkError) {
        self.validation = try validation.map { data throws(NetworkError) in try network.checkedValidationData(data) }
        try network.checkResumable(state, options: options, examples: m)
        try network.architecture.checkTrainingMemory(batchSize: Swift.min(options.batchSize ?? m, m),
                                                     elementSize: MemoryLayout<Scalar>.stride, optimizer: options.optimizer)
        let chosen = try choice()
        self.choice = (chosen.0, chosen.1)
        self.network = network
        self.Y = Y
        self.options = options
        self.state = state
    }
}

extension Network {
    /// Checks a streamed run's data and options and returns the targets Y, (n_L, m).
    ///
    /// One process streams mini-batches through shuffled windows of blocks. A rank of a
    /// data-parallel run (`ranks` > 0) reads only its share of every batch, so it may also train
    /// on the full batch or shuffle all examples at once (no ``TrainingOptions/blockShuffle``):
    /// one window then holds its share of the epoch.
    ///
    /// - Throws: ``NetworkError`` for options or labels that do not fit, no examples, a stream
    ///   of another feature count than the network's input, one process without mini-batches or
    ///   block shuffling, windows over the memory budget, or a state holding Gram-space
    ///   coefficients (they need X in memory).
    func checkedStreamedData(
        _ stream: any ExampleStream<Scalar>, labels: Matrix<Scalar>, options: TrainingOptions, resuming state: TrainingState<Scalar>?,
        ranks: Int = 0
    ) throws(NetworkError) -> Matrix<Scalar> {
        try options.validate(layerCount: layerCount)
        let m = stream.exampleCount
        guard options.batchSize != nil || ranks > 0 else {
            throw NetworkError(argument: "batchSize", value: "nil (the full batch)", expected: "mini-batches: a streamed run never holds all m examples")
        }
        guard options.blockShuffle != nil || ranks > 0 else {
            throw NetworkError(argument: "blockShuffle", value: "nil", expected: "the blocks and windows a streamed run reads")
        }
        guard state?.firstLayer == nil else {
            throw NetworkError(argument: "resumingFrom", value: "a state in Gram space", expected: "a state of a run with W(1) held (streamed runs train W(1) plainly)")
        }
        guard m > 0 else { throw NetworkError(argument: "X", value: "a stream of 0 examples", expected: "at least one example") }
        if let blocks = options.blockShuffle, options.batchSize != nil {
            try Self.checkStreamMemory(blocks, examples: m, features: stream.featureCount)
        } else {
            try Self.checkShareMemory(examples: (m + ranks - 1) / Swift.max(ranks, 1), features: stream.featureCount)
        }
        if let batchSize = options.batchSize, options.dropLast, batchSize > m {
            throw NetworkError(argument: "batchSize", value: "\(batchSize)",
                               expected: "at most \(m) (the number of examples) when the last partial batch is dropped")
        }
        return try checkedTargets(inputRows: stream.featureCount, examples: m, labels: labels)
    }
}

extension BlockShuffle {
    /// Windows of ``bufferBlocks`` blocks in file order: what a streamed epoch without
    /// shuffling reads.
    public func sequentialWindows(examples m: Int) -> [[Int]] {
        let blocks = blockCount(examples: m)
        return stride(from: 0, to: blocks, by: bufferBlocks).map { Array($0..<Swift.min($0 + bufferBlocks, blocks)) }
    }
}

extension Network {
    /// Checks that the three windows a stream holds (``ExampleStream``), min(B·W, m) examples
    /// of n features each, fit the memory budget.
    ///
    /// - Throws: ``NetworkError`` naming `blockShuffle` with the size and the budget.
    static func checkStreamMemory(_ blocks: BlockShuffle, examples m: Int, features n: Int) throws(NetworkError) {
        let (window, overflow) = blocks.blockSize.multipliedReportingOverflow(by: blocks.bufferBlocks)
        let examples = overflow ? m : Swift.min(window, m)
        let bytes = MemoryBudget.size(shape: [3, examples, n], elementSize: MemoryLayout<Scalar>.stride)
        guard MemoryBudget.current.refusal(bytes: bytes, for: "") != nil else { return }
        let size = bytes.map(MemoryBudget.format(bytes:)) ?? "more than 8 EiB"
        throw NetworkError(argument: "blockShuffle", value: "\(blocks.blockSize),\(blocks.bufferBlocks) (three windows of \(examples) examples need \(size))",
                           expected: "windows that fit the memory budget (\(MemoryBudget.current))")
    }

    /// Checks that a rank's share of an epoch, at most `examples` examples of n features, fits
    /// the memory budget twice (the epoch's window and the next epoch's, read ahead).
    ///
    /// - Throws: ``NetworkError`` naming `X` with the size and the budget.
    static func checkShareMemory(examples: Int, features n: Int) throws(NetworkError) {
        let bytes = MemoryBudget.size(shape: [2, examples, n], elementSize: MemoryLayout<Scalar>.stride)
        guard MemoryBudget.current.refusal(bytes: bytes, for: "") != nil else { return }
        let size = bytes.map(MemoryBudget.format(bytes:)) ?? "more than 8 EiB"
        throw NetworkError(argument: "X", value: "a share of \(examples) examples per process (twice: \(size))",
                           expected: "a share that fits the memory budget (\(MemoryBudget.current)): more processes, or mini-batches with --shuffle-blocks")
    }
}
