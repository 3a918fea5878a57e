import Testing
import BackpropMatrix

/// ``Matrix/adviseHugePages()`` never changes a value, and leaves storage under one huge page alone.
struct HugePagesTests {
    @Test func advisingKeepsEveryValue() {
        var generator = SeededGenerator(seed: 11)
        // 5 MB of float32: whole huge pages inside, partial ones at both ends.
        let values = (0..<1_310_000).map { _ in Float.random(in: -1...1, using: &generator) }
        var matrix = Matrix(rows: 1000, columns: 1310, elements: values)
        let before = matrix
        _ = matrix.adviseHugePages()
        #expect(matrix == before)
        matrix[999, 1309] += 1
        #expect(matrix[999, 1309] == values.last! + 1 && before[999, 1309] == values.last!)
        var small = Matrix<Double>(rows: 10, columns: 10)
        let advised = small.adviseHugePages()
        #expect(!advised)
    }
}
