import BackpropIO

/// The memory a network needs, computed with overflow-checked arithmetic so that sizes from a
/// user (`--layers 2,1000000000,3`, `--batch-size 9223372036854775807`) are refused against the
/// ``BackpropIO/MemoryBudget`` before anything is allocated.
extension NetworkArchitecture {
    /// The number of weights and biases, Σ_l n_l (n_{l−1} + 1); nil when it overflows `Int`.
    public var checkedParameterCount: Int? {
        var total = 0
        for (fanIn, units) in zip(layerDims, layerDims.dropFirst()) {
            let (inputs, carry) = fanIn.addingReportingOverflow(1)
            guard !carry, let layer = MemoryBudget.size(shape: [units, inputs], elementSize: 1) else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(layer)
            guard !overflow else { return nil }
            total = sum
        }
        return total
    }

    /// The bytes of the parameters, with elements of `elementSize` bytes; nil on overflow.
    public func parameterBytes(elementSize: Int) -> Int? {
        checkedParameterCount.flatMap { MemoryBudget.size(count: $0, elementSize: elementSize) }
    }

    /// The bytes one training run holds besides the data: the parameters W(l), b(l); their
    /// gradients dW(l), db(l); `momentCount` optimiser moments of the same shapes (0 for gradient
    /// descent, 1 for momentum, 2 for Adam); and the ``TrainingWorkspace`` for a batch of `b`
    /// examples: Z, A, dZ, dA and a dropout mask per layer (5 Σ_{l≥1} n_l · b), X_b and X_bᵀ
    /// (2 n_0 · b) and Y_b, dA(L) (2 n_L · b).
    ///
    /// - Returns: bytes, or nil when the total overflows `Int`.
    public func trainingBytes(batchSize b: Int, elementSize: Int, momentCount: Int) -> Int? {
        guard let parameters = parameterBytes(elementSize: elementSize) else { return nil }
        var perExample = [Int?]()
        for units in layers.map(\.units) { perExample.append(MemoryBudget.size(count: units, elementSize: 5)) }
        perExample.append(MemoryBudget.size(count: inputSize, elementSize: 2))
        perExample.append(MemoryBudget.size(count: outputCount, elementSize: 2))
        guard let columns = MemoryBudget.sum(perExample) else { return nil }
        let workspace = MemoryBudget.size(shape: [columns, b], elementSize: elementSize)
        let copies = MemoryBudget.size(count: parameters, elementSize: 2 + max(0, momentCount))
        return MemoryBudget.sum([copies, workspace])
    }

    /// Throws unless ``trainingBytes(batchSize:elementSize:momentCount:)`` fits
    /// `MemoryBudget.current`.
    ///
    /// - Throws: ``NetworkError`` naming `layerDims`, the size and the budget.
    public func checkTrainingMemory(batchSize b: Int, elementSize: Int, optimizer: Optimizer) throws(NetworkError) {
        let moments = (optimizer.usesFirstMoment ? 1 : 0) + (optimizer.usesSecondMoment ? 1 : 0)
        let bytes = trainingBytes(batchSize: b, elementSize: elementSize, momentCount: moments)
        let budget = MemoryBudget.current
        guard budget.refusal(bytes: bytes, for: "") != nil else { return }
        let size = bytes.map(MemoryBudget.format(bytes:)) ?? "more than 8 EiB"
        throw NetworkError(argument: "layerDims", value: "\(layerDims) (training on batches of \(b) needs \(size))",
                           expected: "at most the memory budget (\(budget))")
    }
}
