import Testing
import BackpropNN

/// ``ExampleSelection``: membership, repeats counted once, and the runs a reader reads.
struct ExampleSelectionTests {
    @Test func runsAreTheSelectedExamplesOfARangeInOrder() {
        let selection = ExampleSelection(examples: 130, lists: [[9, 3, 4], [5, 0, 4], [64, 63, 129]])
        #expect(selection.count == 8)
        #expect(selection.contains(63) && selection.contains(64) && !selection.contains(62) && !selection.contains(130) && !selection.contains(-1))
        #expect(selection.runs(in: 0..<10) == [0..<1, 3..<6, 9..<10])
        #expect(selection.runs(in: 4..<9) == [4..<6])
        #expect(selection.runs(in: 60..<130) == [63..<65, 129..<130])
        #expect(selection.runs(in: 10..<63).isEmpty)
        #expect(ExampleSelection(examples: 10, range: 2..<7).runs(in: 0..<10) == [2..<7])
    }

    /// The ranks' selections of an epoch (``GradientReducer/share(of:)`` of every batch) cover
    /// every example once: what each rank of a streamed data-parallel run reads.
    @Test(arguments: [2, 3, 5])
    func ranksSharesOfAnEpochCoverEveryExampleOnce(ranks: Int) throws {
        let batches = try miniBatchIndices(examples: 101, batchSize: 16, seed: 3)
        let group = Shares(processCount: ranks)
        var total = 0
        var seen = Set<Int>()
        for rank in 0..<ranks {
            let share = group.rank(rank)
            let selection = ExampleSelection(examples: 101, lists: batches.map { $0[share.share(of: $0.indices)] })
            let runs = selection.runs(in: 0..<101)
            for run in runs { for index in run { #expect(seen.insert(index).inserted, "example \(index) read twice") } }
            total += selection.count
        }
        #expect(total == 101 && seen.count == 101)
    }
}

/// Reducers that only share out examples (their sums are never called).
struct Shares {
    let processCount: Int
    func rank(_ rank: Int) -> Rank { Rank(rank: rank, processCount: processCount) }
    struct Rank: GradientReducer {
        let rank: Int, processCount: Int
        func sum(_ values: UnsafeMutableBufferPointer<Float>) throws(GradientReductionError) { throw GradientReductionError("not summed") }
        func sum(_ values: UnsafeMutableBufferPointer<Double>) throws(GradientReductionError) { throw GradientReductionError("not summed") }
    }
}
