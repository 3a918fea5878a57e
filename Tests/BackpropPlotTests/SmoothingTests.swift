@testable import BackpropPlot
import Foundation
import Testing

@Suite struct SmoothingTests {
    @Test func debiasedAverageMatchesTensorBoardsRule() {
        // w = 0.5: a = 0.5·2 = 1 → 1/0.5 = 2; a = 0.5·1 + 0.5·4 = 2.5 → 2.5/0.75; a = 1.25 + 0.5·NaN skipped.
        let smoothed = Smoothing.exponentialMovingAverage([2, 4, .nan, 6], weight: 0.5)
        #expect(smoothed[0] == 2)
        #expect(abs(smoothed[1] - 2.5 / 0.75) < 1e-12)
        #expect(smoothed[2].isNaN)
        #expect(abs(smoothed[3] - (0.5 * 2.5 + 0.5 * 6) / 0.875) < 1e-12)
        #expect(Smoothing.exponentialMovingAverage([3, 3, 3], weight: 0.9).allSatisfy { abs($0 - 3) < 1e-12 })
        #expect(Smoothing.exponentialMovingAverage([1, 5, 2], weight: 0) == [1, 5, 2])
    }

    @Test func smoothingRemovesMostOfTheNoise() {
        var generator = SystemRandomNumberGenerator()
        let noisy = (0..<2000).map { _ in 0.1 + Double.random(in: -0.05...0.05, using: &generator) }
        let smoothed = Smoothing.exponentialMovingAverage(noisy, weight: Smoothing.weight(forCount: noisy.count))
        func spread(_ v: ArraySlice<Double>) -> Double { v.max()! - v.min()! }
        #expect(spread(smoothed[500...]) < spread(noisy[500...]) / 4)
    }

    @Test func weightGivesATimeConstantOfOneFortiethOfTheRun() {
        #expect(Smoothing.weight(forCount: 10) == 0)
        #expect(abs(Smoothing.weight(forCount: 100) - 0.6) < 1e-12)
        #expect(abs(Smoothing.weight(forCount: 2000) - 0.98) < 1e-12)
    }
}
