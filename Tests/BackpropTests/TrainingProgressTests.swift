import Backprop
import Testing

/// The progress line and the number formatting the tool prints.
@Suite struct TrainingProgressTests {
    @Test func formatsFixedDecimalsAndDurations() {
        #expect(TrainingProgress.fixed(0.6720534400822913, 6) == "0.672053")
        #expect(TrainingProgress.fixed(-1.25, 1) == "-1.3")  // half away from zero
        #expect(TrainingProgress.fixed(2, 0) == "2")
        #expect(TrainingProgress.fixed(0.0000004, 6) == "0.000000")
        #expect(TrainingProgress.duration(75) == "1:15")
        #expect(TrainingProgress.duration(3725) == "1:02:05")
    }

    @Test func barShowsCountCostSpeedAndETA() {
        let progress = TrainingProgress(iteration: 499, totalIterations: 1000, epoch: 499, totalEpochs: 1000, cost: 0.25,
                                        costText: "0.25", elapsed: 5, iterationsThisRun: 500, isPrintDue: false)
        #expect(progress.speed == 100)
        #expect(progress.remaining == 5)
        let bar = progress.bar(width: 80)
        #expect(bar.hasPrefix("[###"))
        #expect(bar.contains("500/1000  cost 0.250000  100.0 it/s  ETA 0:05"))
        #expect(bar.count <= 80)
        let epochs = TrainingProgress(iteration: 9, totalIterations: 50, epoch: 1, totalEpochs: 10, cost: 1, costText: "1",
                                      elapsed: 0, iterationsThisRun: 10, isPrintDue: true)
        #expect(epochs.bar().contains("epoch 2/10"))
        #expect(epochs.bar().contains("ETA ?"))
    }
}
