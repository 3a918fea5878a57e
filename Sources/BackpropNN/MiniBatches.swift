import BackpropMatrix

/// The example indices of each mini-batch of one epoch.
///
/// With shuffling, the examples are permuted by `np.random.seed(seed + epoch);
/// np.random.permutation(m)` (`NumPyRandom/permutation(_:)`, identical to NumPy), then cut
/// into consecutive batches of `batchSize`; the last, smaller batch is kept unless `dropLast`.
/// With `blockShuffle`, the order is ``BlockShuffle``'s (blocks shuffled, examples shuffled
/// within windows of blocks), the order a streamed run follows. Without shuffling the order is
/// 0..<m. The same seed and epoch always give the same batches,
/// which is what makes resumed training identical to uninterrupted training.
///
/// Course: `random_mini_batches(X, Y, mini_batch_size, seed)`; the course's `model` calls it
/// with seed 10 + e + 1 in epoch e, which is `seed: 11` here.
///
/// - Parameters:
///   - m: the number of examples.
///   - batchSize: the batch size, ≥ 1 (`nil`: one batch of all m examples, never shuffled).
///   - shuffle: whether to permute the examples.
///   - seed: the NumPy seed of epoch 0.
///   - epoch: the epoch, from 0.
///   - dropLast: whether to drop a last batch smaller than `batchSize`.
///   - blockShuffle: shuffle blocks and windows (``BlockShuffle``) instead of all m examples at once.
/// - Returns: the batches, each a list of column indices (none when `dropLast` and m < `batchSize`).
/// - Throws: ``NetworkError`` naming `batchSize` when it is below 1.
public func miniBatchIndices(
    examples m: Int, batchSize: Int?, shuffle: Bool = true, seed: UInt32 = 0, epoch: Int = 0, dropLast: Bool = false,
    blockShuffle: BlockShuffle? = nil
) throws(NetworkError) -> [[Int]] {
    guard let batchSize else { return [Array(0..<m)] }
    guard batchSize >= 1 else {
        throw NetworkError(argument: "batchSize", value: "\(batchSize)", expected: "1 or more examples per batch")
    }
    try blockShuffle?.validate()
    var order = Array(0..<m)
    if shuffle, let blockShuffle {
        order = blockShuffle.order(examples: m, seed: seed, epoch: epoch).examples
    } else if shuffle {
        var rng = NumPyRandom(seed: seed &+ UInt32(truncatingIfNeeded: epoch))
        order = rng.permutation(m)
    }
    var batches: [[Int]] = []
    var start = 0
    while start < m {
        let end = Swift.min(start + batchSize, m)
        if end - start < batchSize && dropLast { break }
        batches.append(Array(order[start..<end]))
        start = end
    }
    return batches
}

/// The course's `random_mini_batches`: X and Y permuted by `np.random.seed(seed);
/// np.random.permutation(m)` and cut into batches of `batchSize` columns (the last one
/// smaller, unless `dropLast`).
///
/// - Shapes: X (n_x, m), Y (n_y, m) → batches X (n_x, b), Y (n_y, b).
/// - Throws: ``NetworkError`` for a batch size below 1 or when X and Y disagree on m.
public func randomMiniBatches<T: MatrixScalar>(
    X: Matrix<T>, Y: Matrix<T>, batchSize: Int = 64, seed: UInt32 = 0, dropLast: Bool = false
) throws(NetworkError) -> [(X: Matrix<T>, Y: Matrix<T>)] {
    guard Y.columns == X.columns else {
        throw NetworkError(argument: "Y", value: "shape (\(Y.rows), \(Y.columns))",
                           expected: "\(X.columns) columns, one label per example of X (\(X.rows), \(X.columns))")
    }
    return try miniBatchIndices(examples: X.columns, batchSize: batchSize, seed: seed, dropLast: dropLast)
        .map { (X.columns(at: $0), Y.columns(at: $0)) }
}
