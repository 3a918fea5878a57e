import Testing
import BackpropNN

/// Loss names, label validation and the numerically stable formulations. The costs and
/// gradients themselves are checked against NumPy in NetworkTests and by finite differences in
/// ToolkitGradientCheckTests.
@Suite struct LossTests {
    @Test func namesRoundTrip() {
        for name in Loss.names { #expect(Loss(name: name)?.name == name) }
        #expect(Loss(name: "mse") == .meanSquaredError && Loss(name: "cross-entropy") == .categoricalCrossEntropy && Loss(name: "bce") == .binaryCrossEntropy)
        #expect(Loss(name: "hinge") == nil)
    }

    @Test func integerLabelsBecomeOneHot() throws {
        let Y = try Loss.categoricalCrossEntropy.targets(from: Matrix<Float>([[2, 0, 1]]), outputCount: 3)
        #expect(Y == Matrix([[0, 1, 0], [0, 0, 1], [1, 0, 0]]))
        #expect(try classIndices(from: Y) == [2, 0, 1])
        #expect(try classIndices(from: Matrix<Float>([[2, 0, 1]])) == [2, 0, 1])
    }

    @Test func labelsThatDoNotFitTheLossThrow() {
        #expect(throws: NetworkError(argument: "Y", value: "label 12.0 at example 0", expected: "a class in 0..<10")) {
            _ = try Loss.categoricalCrossEntropy.targets(from: Matrix<Double>([[12, 1]]), outputCount: 10)
        }
        #expect(throws: NetworkError(argument: "Y", value: "label -1.0 at example 1", expected: "a class in 0..<10")) {
            _ = try Loss.categoricalCrossEntropy.targets(from: Matrix<Double>([[1, -1]]), outputCount: 10)
        }
        #expect(throws: NetworkError(argument: "test labels", value: "label 0.5 at example 1", expected: "0 or 1 for binary cross-entropy")) {
            _ = try Loss.binaryCrossEntropy.targets(from: Matrix<Double>([[1, 0.5]]), outputCount: 1, argument: "test labels")
        }
        #expect(throws: NetworkError.self) { _ = try Loss.binaryCrossEntropy.targets(from: Matrix<Double>([[1, 0]]), outputCount: 2) }
        #expect(throws: NetworkError.self) { _ = try Loss.categoricalCrossEntropy.targets(from: Matrix<Double>([[0.5, 1], [0.2, 0]]), outputCount: 2) }
        #expect(throws: NetworkError.self) { _ = try Loss.meanSquaredError.targets(from: Matrix<Double>([[.infinity]]), outputCount: 1) }
        #expect(throws: NetworkError.self) { _ = try Loss.categoricalCrossEntropy.targets(from: Matrix<Double>([[0]]), outputCount: 1) }
    }

    @Test func crossEntropyIsStableFromThePreActivation() {
        // z = 200: softmax rounds to a one-hot 0/1 column; from Z the cost is exactly 200 − 0 = 200.
        let Z = Matrix<Float>([[200, 0], [0, 0]])
        let A = softmax(Z), Y = Matrix<Float>([[0, 1], [1, 0]])
        let stable = Loss.categoricalCrossEntropy.cost(output: A, preActivation: Z, targets: Y, activation: .softmax)
        #expect(abs(stable - (200 + Float.log(2)) / 2) < 1e-3, "\(stable)")
        // Without Z the clipped formula stays finite: −log(1e-7) ≈ 16.1 for the saturated example.
        let clipped = Loss.categoricalCrossEntropy.cost(output: A, preActivation: nil, targets: Y, activation: .softmax)
        #expect(clipped.isFinite && abs(clipped - (16.118 + Float.log(2)) / 2) < 1e-2, "\(clipped)")
        #expect(!Loss.categoricalCrossEntropy.cost(output: A, preActivation: nil, targets: Y, activation: .softmax, numerics: .course).isFinite)
        // The fused gradient is A − Y and stays finite.
        let dZ = Loss.categoricalCrossEntropy.outputDelta(output: A, preActivation: Z, targets: Y, activation: .softmax)
        #expect(dZ == A - Y)
        #expect(Loss.binaryCrossEntropy.outputGradient(output: Matrix<Float>([[1, 0]]), targets: Matrix([[0, 1]])).isFinite)
    }

    @Test func meanSquaredErrorIsHalfTheMeanSquare() {
        let A = Matrix<Double>([[1, 2], [3, 5]]), Y = Matrix<Double>([[0, 2], [1, 1]])
        // (1 + 0 + 4 + 16) / (2 · 2)
        #expect(Loss.meanSquaredError.cost(output: A, preActivation: nil, targets: Y, activation: .identity) == 21.0 / 4)
        #expect(Loss.meanSquaredError.outputGradient(output: A, targets: Y) == A - Y)
    }
}
