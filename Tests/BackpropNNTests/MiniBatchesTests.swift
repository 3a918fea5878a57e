import Testing
import BackpropNN

/// Mini-batches against the course's `random_mini_batches` in NumPy (Fixtures/toolkit.json,
/// "minibatches": m 10, batch size 4, seeds 11, 12, 13 for epochs 0, 1, 2). Exact.
@Suite struct MiniBatchesTests {
    @Test func batchesMatchNumPyPerEpoch() throws {
        let s = ToolkitFixture.section("minibatches")
        let expected = s["epochs"] as! [[[Int]]]
        #expect(expected.count == 3)
        for (epoch, batches) in expected.enumerated() {
            let actual = try miniBatchIndices(examples: 10, batchSize: 4, seed: 11, epoch: epoch)
            #expect(actual == batches, "epoch \(epoch)")
        }
    }

    @Test func partialBatchesAndFullBatch() throws {
        #expect(try miniBatchIndices(examples: 10, batchSize: 4, shuffle: false).map(\.count) == [4, 4, 2])
        #expect(try miniBatchIndices(examples: 10, batchSize: 4, shuffle: false, dropLast: true).map(\.count) == [4, 4])
        let oversized = try miniBatchIndices(examples: 10, batchSize: 20, seed: 3)
        #expect(oversized.count == 1 && oversized[0].sorted() == Array(0..<10))
        #expect(try miniBatchIndices(examples: 10, batchSize: 20, dropLast: true).isEmpty)
        #expect(try miniBatchIndices(examples: 5, batchSize: nil) == [[0, 1, 2, 3, 4]])
        // Every example exactly once per epoch.
        let batches = try miniBatchIndices(examples: 37, batchSize: 8, seed: 4, epoch: 9)
        #expect(batches.joined().sorted() == Array(0..<37))
    }

    @Test func randomMiniBatchesCutsXAndYTogether() throws {
        let X = Matrix<Double>(rows: 2, columns: 10) { r, c in Double(10 * r + c) }
        let Y = Matrix<Double>(rows: 1, columns: 10) { _, c in Double(c) }
        let batches = try randomMiniBatches(X: X, Y: Y, batchSize: 4, seed: 11)
        let expected = (ToolkitFixture.section("minibatches")["epochs"] as! [[[Int]]])[0]
        #expect(batches.map { $0.Y.elements.map { Int($0) } } == expected)
        for batch in batches { #expect(batch.X.nestedRows[1] == batch.Y.elements.map { $0 + 10 }) }
    }

    @Test func batchSizeZeroThrows() {
        #expect(throws: NetworkError(argument: "batchSize", value: "0", expected: "1 or more examples per batch")) {
            _ = try miniBatchIndices(examples: 10, batchSize: 0)
        }
        #expect(throws: NetworkError.self) {
            _ = try randomMiniBatches(X: Matrix<Float>(rows: 2, columns: 3), Y: Matrix(rows: 1, columns: 4))
        }
    }

    /// BlockShuffle's rule against NumPy (m = 23, blocks of 4, windows of 2 blocks, seed 5, epoch 1):
    ///
    ///     np.random.seed(5 + 1); blocks = np.random.permutation(6); order = []
    ///     for w in range(0, 6, 2):
    ///         ex = [i for b in blocks[w:w+2] for i in range(b*4, min((b+1)*4, 23))]
    ///         order += [ex[j] for j in np.random.permutation(len(ex))]
    @Test func blockShuffleFollowsItsRuleAsNumPyComputesIt() throws {
        let shuffle = BlockShuffle(blockSize: 4, bufferBlocks: 2)
        let (windows, order) = shuffle.order(examples: 23, seed: 5, epoch: 1)
        #expect(windows == [[4, 5], [0, 3], [1, 2]])
        #expect(order == [20, 19, 17, 22, 16, 18, 21, 12, 0, 14, 15, 2, 1, 13, 3, 9, 7, 11, 6, 4, 5, 8, 10])
        let batches = try miniBatchIndices(examples: 23, batchSize: 8, seed: 5, epoch: 1, blockShuffle: shuffle)
        #expect(batches == [Array(order[0..<8]), Array(order[8..<16]), Array(order[16...])])
        #expect(shuffle.sequentialWindows(examples: 23) == [[0, 1], [2, 3], [4, 5]])
        #expect(throws: NetworkError.self) { try miniBatchIndices(examples: 23, batchSize: 8, blockShuffle: BlockShuffle(blockSize: 0, bufferBlocks: 2)) }
    }
}
