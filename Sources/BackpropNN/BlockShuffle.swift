import BackpropMatrix

/// Shuffling that a reader streaming examples from disk can follow without random single-row
/// reads: examples are cut into blocks of ``blockSize`` consecutive examples, the blocks are
/// visited in a shuffled order, and the examples of every ``bufferBlocks`` consecutive blocks of
/// that order (one *window*, what the reader holds in memory) are shuffled together.
///
/// The rule, for epoch e with seed s (NumPy's generator, `NumPyRandom`, seeded once with s + e):
/// 1. `blockOrder = np.random.permutation(B)`, B = ⌈m / blockSize⌉ (block k holds examples
///    k·blockSize ..< min((k+1)·blockSize, m));
/// 2. for each window w (entries w·bufferBlocks ..< (w+1)·bufferBlocks of `blockOrder`, in that
///    order): `examples` = the window's blocks' examples, block after block, and the window's
///    order is `examples[np.random.permutation(len(examples))]`, drawn from the same generator;
/// 3. the epoch's order is the windows' orders one after another; mini-batches are cut from it
///    as ``miniBatchIndices(examples:batchSize:shuffle:seed:epoch:dropLast:blockShuffle:)`` does.
///
/// With one window holding every block, the order is a shuffled permutation of all examples, as
/// with plain shuffling (but not the same one). The in-memory loop follows the same rule when
/// ``TrainingOptions/blockShuffle`` is set, which is what makes a streamed run and an in-memory
/// run identical bit for bit.
public struct BlockShuffle: Sendable, Equatable, Hashable {
    /// Consecutive examples per block (≥ 1).
    public var blockSize: Int
    /// Blocks per window (≥ 1): the examples shuffled together, and what a streaming reader holds.
    public var bufferBlocks: Int

    /// Blocks of `blockSize` examples shuffled in windows of `bufferBlocks` blocks.
    public init(blockSize: Int, bufferBlocks: Int) {
        self.blockSize = blockSize
        self.bufferBlocks = bufferBlocks
    }

    /// - Throws: ``NetworkError`` naming `blockShuffle.blockSize` or `blockShuffle.bufferBlocks`
    ///   when it is below 1.
    public func validate() throws(NetworkError) {
        guard blockSize >= 1 else {
            throw NetworkError(argument: "blockShuffle.blockSize", value: "\(blockSize)", expected: "1 or more examples per block")
        }
        guard bufferBlocks >= 1 else {
            throw NetworkError(argument: "blockShuffle.bufferBlocks", value: "\(bufferBlocks)", expected: "1 or more blocks per window")
        }
    }

    /// The number of blocks of `m` examples.
    public func blockCount(examples m: Int) -> Int { m == 0 ? 0 : (m - 1) / blockSize + 1 }

    /// The examples of block `block` of `m`.
    public func examples(ofBlock block: Int, examples m: Int) -> Range<Int> {
        (block * blockSize)..<Swift.min((block + 1) * blockSize, m)
    }

    /// The epoch's block order, cut into windows of ``bufferBlocks`` blocks, and the order of
    /// the examples (see the rule above).
    ///
    /// - Parameters:
    ///   - m: the number of examples.
    ///   - seed: the seed of epoch 0; epoch e seeds NumPy's generator with seed + e.
    ///   - epoch: the epoch, from 0.
    public func order(examples m: Int, seed: UInt32, epoch: Int) -> (windows: [[Int]], examples: [Int]) {
        var generator = NumPyRandom(seed: seed &+ UInt32(truncatingIfNeeded: epoch))
        let blockOrder = generator.permutation(blockCount(examples: m))
        var windows: [[Int]] = []
        var order: [Int] = []
        order.reserveCapacity(m)
        var start = 0
        while start < blockOrder.count {
            let window = Array(blockOrder[start..<Swift.min(start + bufferBlocks, blockOrder.count)])
            let examples = window.flatMap { self.examples(ofBlock: $0, examples: m) }
            order += generator.permutation(examples.count).map { examples[$0] }
            windows.append(window)
            start += bufferBlocks
        }
        return (windows, order)
    }
}
