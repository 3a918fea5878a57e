import Foundation
import Testing
import Backprop
import BackpropTestSupport

/// The library tour of README.md, as code: if an API it shows changes, this stops compiling or
/// fails. Keep the two in step.
@Suite struct ReadmeExampleTests {
    @Test func stepByStepFunctionsPrintTheCoursesNumbers() {
        var rng = NumPyRandom(seed: 1)
        let A: Matrix<Double> = rng.randn(rows: 3, columns: 2)
        let W: Matrix<Double> = rng.randn(rows: 1, columns: 3)
        let b: Matrix<Double> = rng.randn(rows: 1, columns: 1)
        let (Z, _) = linearForward(A: A, W: W, b: b)
        #expect(Z.description == "[[3.26295337 -1.23429987]]")
    }

    /// The cat-model lines of the tour. Compiled always; run only with the course data (the full
    /// run takes minutes in a debug build, so it runs a few iterations here; the release-mode
    /// check in .ci/release-checks runs all 2500).
    @Test(.requiresCourseData)
    func catDataAndTheLLayerModel() throws {
        let cats = try Dataset<Double>.catImages(folder: CourseDataLocation.folder)
        let (parameters, costs) = try lLayerModel(
            X: cats.train.X, Y: cats.train.labels!, layerDims: [12288, 20, 7, 5, 1],
            options: CourseTrainingOptions(iterations: 1))
        #expect(parameters.W(1).shape == (rows: 20, columns: 12288))
        #expect(costs.first!.cost == 0.7717493284237686)
    }

    @Test func anyNetworkWithMiniBatchesAndAdam() throws {
        let data = try Dataset<Float>.spirals(pointsPerClass: 100, classes: 3, seed: 1)
        var network = try Network<Float>(
            inputSize: 2, layers: [LayerSpec(units: 32, activation: .relu), LayerSpec(units: 3, activation: .softmax)],
            loss: .categoricalCrossEntropy, initializer: .he, seed: 1)
        let result = try network.train(
            X: data.X, labels: data.labels!,
            options: TrainingOptions(learningRate: 0.01, epochs: 200, batchSize: 32, optimizer: .adam()))
        #expect(result.costs.last!.cost < 0.5)
        #expect(try network.evaluate(X: data.X, labels: data.labels!).accuracy! > 0.9)

        var loop = try TrainingLoop(network: network, X: data.X, labels: data.labels!,
                                    options: TrainingOptions(learningRate: 0.001, epochs: 3, batchSize: 100, optimizer: .adam()))
        var iterations: [Int] = []
        while !loop.isFinished {
            while !loop.isEpochComplete { _ = try loop.step() }
            let (epoch, _) = loop.endEpoch()
            #expect(epoch.cost < 0.5)
            iterations.append(epoch.state.iteration)
        }
        #expect(iterations == [3, 6, 9])
    }
}
