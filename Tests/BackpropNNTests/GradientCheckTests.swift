import Testing
import BackpropNN

/// The backward functions against centred finite differences,
/// (J(θ + ε) − J(θ − ε)) / 2ε with ε = 1e-6, in float64. Each check reports the course's
/// relative difference ‖g − g_approx‖ / (‖g‖ + ‖g_approx‖), which must stay below 1e-7.
@Suite struct GradientCheckTests {
    static let epsilon = 1e-6

    /// The numerical gradient of `J` with respect to every element of `x`.
    func numericalGradient(_ x: Matrix<Double>, _ J: (Matrix<Double>) -> Double) -> Matrix<Double> {
        var result = Matrix<Double>(rows: x.rows, columns: x.columns)
        for r in 0..<x.rows {
            for c in 0..<x.columns {
                var plus = x, minus = x
                plus[r, c] += Self.epsilon
                minus[r, c] -= Self.epsilon
                result[r, c] = (J(plus) - J(minus)) / (2 * Self.epsilon)
            }
        }
        return result
    }

    func relativeDifference(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Double {
        let num = (a - b).squared().sum().squareRoot()
        let den = a.squared().sum().squareRoot() + b.squared().sum().squareRoot()
        return den == 0 ? 0 : num / den
    }

    var rng = SeededGenerator(seed: 11)

    @Test mutating func activationBackwards() {
        // Keep Z away from 0, where relu has no derivative.
        let Z = rng.normal(rows: 3, columns: 4, as: Double.self).map { $0 + ($0 >= 0 ? 0.1 : -0.1) }
        let G = rng.normal(rows: 3, columns: 4, as: Double.self)
        for activation in [Activation.sigmoid, .relu] {
            let analytic = activation.backward(dA: G, cache: Z)
            let numeric = numericalGradient(Z) { (activation.forward($0) * G).sum() }
            #expect(relativeDifference(analytic, numeric) < 1e-7, "\(activation.name)")
        }
    }

    @Test mutating func linearBackward() {
        let A = rng.normal(rows: 4, columns: 5, as: Double.self)
        let W = rng.normal(rows: 3, columns: 4, as: Double.self)
        let b = rng.normal(rows: 3, columns: 1, as: Double.self)
        let G = rng.normal(rows: 3, columns: 5, as: Double.self)
        // J = Σ Z ⊙ G, so dZ = G; linearBackward's 1/m makes its dW, db the gradient of J/m.
        let m = 5.0
        let (_, cache) = linearForward(A: A, W: W, b: b)
        let (dAPrev, dW, db) = BackpropNN.linearBackward(dZ: G, cache: cache)
        let J = { (A: Matrix<Double>, W: Matrix<Double>, b: Matrix<Double>) in (linearForward(A: A, W: W, b: b).Z * G).sum() }
        #expect(relativeDifference(dW, numericalGradient(W) { J(A, $0, b) / m }) < 1e-7)
        #expect(relativeDifference(db, numericalGradient(b) { J(A, W, $0) / m }) < 1e-7)
        #expect(relativeDifference(dAPrev, numericalGradient(A) { J($0, W, b) }) < 1e-7)
    }

    @Test mutating func modelBackwardOfTheCost() throws {
        let X = rng.normal(rows: 4, columns: 6, as: Double.self)
        let Y = Matrix<Double>([[1, 0, 1, 1, 0, 0]])
        let parameters: Parameters<Double> = try initializeParametersDeep(layerDims: [4, 5, 3, 1], scheme: .normalizedByFanIn, seed: 5)
        let (AL, caches) = modelForward(X: X, parameters: parameters)
        let grads = modelBackward(AL: AL, Y: Y, caches: caches)
        for l in 1...3 {
            let numericW = numericalGradient(parameters.W(l)) { W in
                var p = parameters
                p[layer: l].W = W
                return computeCost(AL: modelForward(X: X, parameters: p).AL, Y: Y)
            }
            let numericB = numericalGradient(parameters.b(l)) { b in
                var p = parameters
                p[layer: l].b = b
                return computeCost(AL: modelForward(X: X, parameters: p).AL, Y: Y)
            }
            #expect(relativeDifference(grads.dW(l), numericW) < 1e-7, "dW\(l)")
            #expect(relativeDifference(grads.db(l), numericB) < 1e-7, "db\(l)")
        }
        // dA0 is the gradient of m · J with respect to X (the course's 1/m sits in dW and db).
        let numericX = numericalGradient(X) { computeCost(AL: modelForward(X: $0, parameters: parameters).AL, Y: Y) * 6 }
        #expect(relativeDifference(grads.dA(0), numericX) < 1e-7, "dA0")
    }
}
