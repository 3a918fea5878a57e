@testable import BackpropHDF5
import Testing

/// The row-major odometer of the chunk walks, against nested loops.
@Suite struct OdometerTests {
    @Test func visitsEveryIndexInRowMajorOrder() {
        let extent = [2, 3, 4]
        var expected: [[Int]] = []
        for i in 0..<2 { for j in 0..<3 { for k in 0..<4 { expected.append([i, j, k]) } } }
        var position = [0, 0, 0]
        var visited = [position]
        while advance(&position, within: extent, dimensions: 3) { visited.append(position) }
        #expect(visited == expected)
        #expect(position == [0, 0, 0])
    }

    @Test func looksOnlyAtTheLeadingAxes() {
        // dimensions 2: the last axis (a contiguous run) is left alone.
        var position = [0, 2, 7]
        #expect(advance(&position, within: [2, 3, 9], dimensions: 2))
        #expect(position == [1, 0, 7])
        #expect(!advance(&position, within: [1, 1], dimensions: 0))
    }
}
