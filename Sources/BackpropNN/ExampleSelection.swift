/// The examples one reader needs out of m, as a set of indices: what a rank of data-parallel
/// training reads from a stream (``ExampleStream/begin(windows:blockSize:reading:)``), so that it
/// reads its share of every batch and nothing else.
///
/// One bit per example (m / 8 bytes: 125 kB for a million examples).
public struct ExampleSelection: Sendable, Equatable {
    /// m, the examples the selection is taken from.
    public let exampleCount: Int
    /// Bit i % 64 of word i / 64: whether example i is selected.
    private var words: [UInt64]
    /// The number of examples selected.
    public private(set) var count: Int

    /// The examples of `lists` (indices in 0..<m; repeats count once) out of `m`.
    public init<S: Sequence>(examples m: Int, lists: S) where S.Element: Collection, S.Element.Element == Int {
        exampleCount = m
        words = [UInt64](repeating: 0, count: (m + 63) / 64)
        count = 0
        for list in lists {
            for index in list { insert(index) }
        }
    }

    /// The examples of `range` out of `m`.
    public init(examples m: Int, range: Range<Int>) {
        self.init(examples: m, lists: [range])
    }

    /// Adds example `index`.
    /// - Precondition: 0 ≤ index < m.
    public mutating func insert(_ index: Int) {
        precondition(index >= 0 && index < exampleCount, "ExampleSelection: example \(index) is not in 0..<\(exampleCount)")
        let bit = UInt64(1) << UInt64(index % 64)
        if words[index / 64] & bit == 0 {
            words[index / 64] |= bit
            count += 1
        }
    }

    /// Whether example `index` is selected.
    @inlinable
    public func contains(_ index: Int) -> Bool {
        index >= 0 && index < exampleCount && isSet(index)
    }

    @usableFromInline
    func isSet(_ index: Int) -> Bool { words[index / 64] & (UInt64(1) << UInt64(index % 64)) != 0 }

    /// The selected examples of `range`, as runs of consecutive examples in increasing order:
    /// the reads that fetch them and nothing else.
    public func runs(in range: Range<Int>) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int?
        for index in range.clamped(to: 0..<exampleCount) {
            if isSet(index) {
                if start == nil { start = index }
            } else if let first = start {
                runs.append(first..<index)
                start = nil
            }
        }
        if let first = start { runs.append(first..<Swift.min(range.upperBound, exampleCount)) }
        return runs
    }
}
