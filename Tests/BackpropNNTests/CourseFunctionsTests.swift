import Foundation
import Testing
import BackpropNN

/// The course's step functions against an independent NumPy implementation
/// (Fixtures/course_functions.json, from Fixtures/make_course_fixtures.py) on inputs that do not
/// come from Backprop's generator. Tolerance: 1e-12 relative (float64 throughout; only the
/// order of additions inside products may differ from OpenBLAS).
@Suite struct CourseFunctionsTests {
    static let tolerance = 1e-12
    let fixture: [String: Any]
    init() throws { fixture = try Fixture.load("course_functions.json") }

    func section(_ name: String) -> [String: Any] { fixture[name] as! [String: Any] }

    func expectClose(_ actual: Matrix<Double>, _ expected: Matrix<Double>, _ name: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.isApproximatelyEqual(to: expected, tolerance: Self.tolerance),
                "\(name): max difference \(actual.rows == expected.rows && actual.columns == expected.columns ? actual.maxAbsoluteDifference(expected) : .nan)",
                sourceLocation: sourceLocation)
    }

    @Test func activationsForwardAndBackward() {
        let s = section("activations")
        let Z = Fixture.matrix(s["Z"]), dA = Fixture.matrix(s["dA"])
        expectClose(sigmoid(Z), Fixture.matrix(s["sigmoid"]), "sigmoid")
        expectClose(relu(Z), Fixture.matrix(s["relu"]), "relu")
        expectClose(sigmoidBackward(dA: dA, cache: Z), Fixture.matrix(s["sigmoid_backward"]), "sigmoid_backward")
        expectClose(reluBackward(dA: dA, cache: Z), Fixture.matrix(s["relu_backward"]), "relu_backward")
        #expect(Activation.sigmoid.forward(Z) == sigmoid(Z))
        #expect(Activation.relu.backward(dA: dA, cache: Z) == reluBackward(dA: dA, cache: Z))
    }

    @Test func linearForwardAndBackward() {
        let s = section("linear")
        let A = Fixture.matrix(s["A"]), W = Fixture.matrix(s["W"]), b = Fixture.matrix(s["b"])
        let (Z, cache) = linearForward(A: A, W: W, b: b)
        expectClose(Z, Fixture.matrix(s["Z"]), "Z")
        let (dAPrev, dW, db) = linearBackward(dZ: Fixture.matrix(s["dZ"]), cache: cache)
        expectClose(dAPrev, Fixture.matrix(s["dA_prev"]), "dA_prev")
        expectClose(dW, Fixture.matrix(s["dW"]), "dW")
        expectClose(db, Fixture.matrix(s["db"]), "db")
    }

    func modelParameters(_ s: [String: Any]) -> Parameters<Double> {
        let Ws = (s["W"] as! [Any]).map(Fixture.matrix), bs = (s["b"] as! [Any]).map(Fixture.matrix)
        return Parameters(layers: zip(Ws, bs).map { DenseParameters(W: $0, b: $1) })
    }

    @Test func modelForwardCostBackwardPredict() {
        let s = section("model")
        let X = Fixture.matrix(s["X"]), Y = Fixture.matrix(s["Y"])
        let parameters = modelParameters(s)
        let (AL, caches) = modelForward(X: X, parameters: parameters)
        expectClose(AL, Fixture.matrix(s["AL"]), "AL")
        let cost = computeCost(AL: AL, Y: Y)
        let expectedCost = (s["cost"] as! NSNumber).doubleValue
        #expect(abs(cost - expectedCost) <= Self.tolerance * abs(expectedCost))
        let grads = modelBackward(AL: AL, Y: Y, caches: caches)
        let g = s["grads"] as! [String: Any]
        for l in 1...3 {
            expectClose(grads.dW(l), Fixture.matrix(g["dW\(l)"]), "dW\(l)")
            expectClose(grads.db(l), Fixture.matrix(g["db\(l)"]), "db\(l)")
            expectClose(grads.dA(l - 1), Fixture.matrix(g["dA\(l - 1)"]), "dA\(l - 1)")
        }
        #expect(predict(X: X, parameters: parameters) == Fixture.matrix(s["predictions"]))
    }

    @Test func sixtyStepsOfGradientDescent() throws {
        let s = section("model"), t = section("training")
        let X = Fixture.matrix(s["X"]), Y = Fixture.matrix(s["Y"])
        var parameters = modelParameters(s)
        let expectedCosts = (t["costs"] as! [NSNumber]).map(\.doubleValue)
        for expected in expectedCosts {
            let (AL, caches) = modelForward(X: X, parameters: parameters)
            let cost = computeCost(AL: AL, Y: Y)
            #expect(abs(cost - expected) <= 1e-11 * abs(expected))
            try updateParameters(&parameters, gradients: modelBackward(AL: AL, Y: Y, caches: caches), learningRate: 0.1)
        }
        let trained = modelParameters(t)
        for l in 1...3 {
            expectClose(parameters.W(l), trained.W(l), "trained W\(l)")
            expectClose(parameters.b(l), trained.b(l), "trained b\(l)")
        }
    }

    @Test func accuracyCountsMatches() {
        #expect(accuracy(predictions: Matrix<Double>([[1, 0, 1, 1]]), labels: Matrix([[1, 1, 1, 0]])) == 0.5)
    }
}
