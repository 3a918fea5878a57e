import Testing
import BackpropNN

/// The ready-made course models learn a small separable problem, record costs every
/// `costInterval` iterations, and are reproducible from the seed.
@Suite struct CourseModelsTests {
    /// 2 features, 40 examples; label 1 when x0 + x1 > 0.
    static func data() -> (X: Matrix<Double>, Y: Matrix<Double>) {
        var rng = SeededGenerator(seed: 3)
        let X: Matrix<Double> = rng.normal(rows: 2, columns: 40)
        let Y = Matrix<Double>(rows: 1, columns: 40) { _, c in X[0, c] + X[1, c] > 0 ? 1 : 0 }
        return (X, Y)
    }

    @Test func lLayerModelLearnsAndRecordsCosts() throws {
        let (X, Y) = Self.data()
        var reported: [Int] = []
        let options = CourseTrainingOptions(learningRate: 0.5, iterations: 301, seed: 1, costInterval: 100)
        let (parameters, costs) = try lLayerModel(X: X, Y: Y, layerDims: [2, 4, 1], options: options) { reported.append($0.iteration) }
        #expect(costs.map(\.iteration) == [0, 100, 200, 300])
        #expect(reported == [0, 100, 200, 300])
        #expect(costs.last!.cost < costs.first!.cost / 3)
        #expect(accuracy(predictions: predict(X: X, parameters: parameters), labels: Y) >= 0.95)
        let again = try lLayerModel(X: X, Y: Y, layerDims: [2, 4, 1], options: options)
        #expect(again.parameters == parameters)
    }

    @Test func twoLayerModelReportsTheLastIterationToo() throws {
        let (X, Y) = Self.data()
        var reported: [Int] = []
        let options = CourseTrainingOptions(learningRate: 0.5, iterations: 250, seed: 1, costInterval: 100)
        let (parameters, costs) = try twoLayerModel(X: X, Y: Y, layerDims: (2, 4, 1), options: options) { reported.append($0.iteration) }
        #expect(costs.map(\.iteration) == [0, 100, 200])
        #expect(reported == [0, 100, 200, 249])
        #expect(parameters.layerDims == [2, 4, 1])
        #expect(accuracy(predictions: predict(X: X, parameters: parameters), labels: Y) >= 0.9)
    }

    @Test func floatTrainingMatchesDoubleClosely() throws {
        let (X, Y) = Self.data()
        let options = CourseTrainingOptions(learningRate: 0.5, iterations: 50, seed: 1, costInterval: 10)
        let d = try lLayerModel(X: X, Y: Y, layerDims: [2, 4, 1], options: options)
        let f = try lLayerModel(X: X.converted(to: Float.self), Y: Y.converted(to: Float.self), layerDims: [2, 4, 1], options: options)
        for (a, b) in zip(d.costs, f.costs) { #expect(abs(a.cost - Double(b.cost)) < 1e-5) }
    }
}
