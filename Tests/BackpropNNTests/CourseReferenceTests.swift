import Testing
import BackpropNN

/// Every step-by-step case of ../shared/reference/course-reference.md, rebuilt from its recipe
/// with the NumPy-identical generator and compared with the values the course prints
/// (8 decimals: within half a unit of the 8th decimal). The cost is compared at full precision.
@Suite struct CourseReferenceTests {
    /// Half a unit in the 8th decimal, plus room for the rounding of the printed value itself.
    static let printed = 0.5e-8 + 1e-15

    func expectPrinted(_ actual: Matrix<Double>, _ expected: [[Double]], _ name: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let reference = Matrix(expected)
        #expect(actual.rows == reference.rows && actual.columns == reference.columns,
                "\(name): shape (\(actual.rows), \(actual.columns)) vs (\(reference.rows), \(reference.columns))",
                sourceLocation: sourceLocation)
        guard actual.rows == reference.rows && actual.columns == reference.columns else { return }
        let worst = actual.maxAbsoluteDifference(reference)
        #expect(worst <= Self.printed, "\(name): off by \(worst)\n\(actual)", sourceLocation: sourceLocation)
    }

    /// Matrices of the given shapes drawn in order from NumPy's generator seeded with `seed`, as
    /// the course's test cases draw them (`np.random.seed(seed)`, then one `np.random.randn` per
    /// matrix).
    static func randn(seed: UInt32, _ shapes: (rows: Int, columns: Int)...) -> [Matrix<Double>] {
        var rng = NumPyRandom(seed: seed)
        return shapes.map { rng.randn(rows: $0.rows, columns: $0.columns) }
    }

    @Test func initializeParametersTwoLayer() throws {
        let p: Parameters<Double> = try initializeParameters(nX: 3, nH: 2, nY: 1, seed: 1)
        expectPrinted(p.W(1), [[0.01624345, -0.00611756, -0.00528172], [-0.01072969, 0.00865408, -0.02301539]], "W1")
        expectPrinted(p.b(1), [[0], [0]], "b1")
        expectPrinted(p.W(2), [[0.01744812, -0.00761207]], "W2")
        expectPrinted(p.b(2), [[0]], "b2")
    }

    @Test func initializeParametersDeepScaled() throws {
        let p: Parameters<Double> = try initializeParametersDeep(layerDims: [5, 4, 3], scheme: .scaledNormal, seed: 3)
        expectPrinted(p.W(1), [
            [0.01788628, 0.0043651, 0.00096497, -0.01863493, -0.00277388],
            [-0.00354759, -0.00082741, -0.00627001, -0.00043818, -0.00477218],
            [-0.01313865, 0.00884622, 0.00881318, 0.01709573, 0.00050034],
            [-0.00404677, -0.0054536, -0.01546477, 0.00982367, -0.01101068],
        ], "W1")
        expectPrinted(p.W(2), [
            [-0.01185047, -0.0020565, 0.01486148, 0.00236716],
            [-0.01023785, -0.00712993, 0.00625245, -0.00160513],
            [-0.00768836, -0.00230031, 0.00745056, 0.01976111],
        ], "W2")
        #expect(p.b(1) == Matrix(rows: 4, columns: 1) && p.b(2) == Matrix(rows: 3, columns: 1))
    }

    @Test func linearForwardCase() {
        let m = Self.randn(seed: 1, (3, 2), (1, 3), (1, 1))
        let (A, W, b) = (m[0], m[1], m[2])
        let (Z, cache) = linearForward(A: A, W: W, b: b)
        expectPrinted(Z, [[3.26295337, -1.23429987]], "Z")
        #expect(Z.description == "[[3.26295337 -1.23429987]]", "the README shows this output")
        #expect(cache.A == A && cache.W == W && cache.b == b)
    }

    @Test func linearActivationForwardCase() {
        let m = Self.randn(seed: 2, (3, 2), (1, 3), (1, 1))
        let (APrev, W, b) = (m[0], m[1], m[2])
        let (sig, _) = linearActivationForward(APrev: APrev, W: W, b: b, activation: .sigmoid)
        expectPrinted(sig, [[0.96890023, 0.11013289]], "sigmoid A")
        let (rel, cache) = linearActivationForward(APrev: APrev, W: W, b: b, activation: .relu)
        expectPrinted(rel, [[3.43896131, 0]], "relu A")
        #expect(cache.Z == W.dot(APrev) + b)
    }

    @Test func modelForwardCase() {
        let m = Self.randn(seed: 6, (5, 4), (4, 5), (4, 1), (3, 4), (3, 1), (1, 3), (1, 1))
        let (X, W1, b1, W2, b2, W3, b3) = (m[0], m[1], m[2], m[3], m[4], m[5], m[6])
        let parameters = Parameters(layers: [
            DenseParameters(W: W1, b: b1), DenseParameters(W: W2, b: b2), DenseParameters(W: W3, b: b3),
        ])
        let (AL, caches) = modelForward(X: X, parameters: parameters)
        expectPrinted(AL, [[0.03921668, 0.70498921, 0.19734387, 0.04728177]], "AL")
        #expect(caches.count == 3)
    }

    @Test func computeCostCase() {
        let cost = computeCost(AL: Matrix<Double>([[0.8, 0.9, 0.4]]), Y: Matrix([[1, 1, 0]]))
        #expect(cost == 0.2797765635793422)
    }

    @Test func linearBackwardCase() {
        let m = Self.randn(seed: 1, (3, 4), (5, 4), (3, 5), (3, 1))
        let (dZ, A, W, b) = (m[0], m[1], m[2], m[3])
        let (dAPrev, dW, db) = linearBackward(dZ: dZ, cache: LinearCache(A: A, W: W, b: b))
        expectPrinted(dAPrev, [
            [-1.15171336, 0.06718465, -0.3204696, 2.09812712],
            [0.60345879, -3.72508701, 5.81700741, -3.84326836],
            [-0.4319552, -1.30987417, 1.72354705, 0.05070578],
            [-0.38981415, 0.60811244, -1.25938424, 1.47191593],
            [-2.52214926, 2.67882552, -0.67947465, 1.48119548],
        ], "dA_prev")
        expectPrinted(dW, [
            [0.07313866, -0.0976715, -0.87585828, 0.73763362, 0.00785716],
            [0.85508818, 0.37530413, -0.59912655, 0.71278189, -0.58931808],
            [0.97913304, -0.24376494, -0.08839671, 0.55151192, -0.10290907],
        ], "dW")
        expectPrinted(db, [[-0.14713786], [-0.11313155], [-0.13209101]], "db")
    }

    @Test func linearActivationBackwardCase() {
        let m = Self.randn(seed: 2, (1, 2), (3, 2), (1, 3), (1, 1), (1, 2))
        let (dA, A, W, b, Z) = (m[0], m[1], m[2], m[3], m[4])
        let cache = LinearActivationCache(linear: LinearCache(A: A, W: W, b: b), Z: Z)
        let s = linearActivationBackward(dA: dA, cache: cache, activation: .sigmoid)
        expectPrinted(s.dAPrev, [[0.11017994, 0.01105339], [0.09466817, 0.00949723], [-0.05743092, -0.00576154]], "sigmoid dA_prev")
        expectPrinted(s.dW, [[0.10266786, 0.09778551, -0.01968084]], "sigmoid dW")
        expectPrinted(s.db, [[-0.05729622]], "sigmoid db")
        let r = linearActivationBackward(dA: dA, cache: cache, activation: .relu)
        expectPrinted(r.dAPrev, [[0.44090989, 0], [0.37883606, 0], [-0.2298228, 0]], "relu dA_prev")
        expectPrinted(r.dW, [[0.44513824, 0.37371418, -0.10478989]], "relu dW")
        expectPrinted(r.db, [[-0.20837892]], "relu db")
    }

    @Test func modelBackwardCase() {
        let m = Self.randn(seed: 3, (1, 2), (4, 2), (3, 4), (3, 1), (3, 2), (3, 2), (1, 3), (1, 1), (1, 2))
        let (AL, A1, W1, b1, Z1, A2, W2, b2, Z2) = (m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8])
        let Y = Matrix<Double>([[1, 0]])
        let caches = [
            LinearActivationCache(linear: LinearCache(A: A1, W: W1, b: b1), Z: Z1),
            LinearActivationCache(linear: LinearCache(A: A2, W: W2, b: b2), Z: Z2),
        ]
        let grads = modelBackward(AL: AL, Y: Y, caches: caches)
        expectPrinted(grads.dW(1), [
            [0.41010002, 0.07807203, 0.13798444, 0.10502167],
            [0, 0, 0, 0],
            [0.05283652, 0.01005865, 0.01777766, 0.0135308],
        ], "dW1")
        expectPrinted(grads.db(1), [[-0.22007063], [0], [-0.02835349]], "db1")
        expectPrinted(grads.dA(1), [[0.12913162, -0.44014127], [-0.14175655, 0.48317296], [0.01663708, -0.05670698]], "dA1")
    }

    @Test func updateParametersCase() throws {
        let p = Self.randn(seed: 2, (3, 4), (3, 1), (1, 3), (1, 1))
        let (W1, b1, W2, b2) = (p[0], p[1], p[2], p[3])
        let g = Self.randn(seed: 3, (3, 4), (3, 1), (1, 3), (1, 1))
        let (dW1, db1, dW2, db2) = (g[0], g[1], g[2], g[3])
        let parameters = Parameters(layers: [DenseParameters(W: W1, b: b1), DenseParameters(W: W2, b: b2)])
        let gradients = Gradients(layers: [DenseParameters(W: dW1, b: db1), DenseParameters(W: dW2, b: db2)], activations: [])
        let updated = try updateParameters(parameters, gradients: gradients, learningRate: 0.1)
        expectPrinted(updated.W(1), [
            [-0.59562069, -0.09991781, -2.14584584, 1.82662008],
            [-1.76569676, -0.80627147, 0.51115557, -1.18258802],
            [-1.0535704, -0.86128581, 0.68284052, 2.20374577],
        ], "W1")
        expectPrinted(updated.b(1), [[-0.04659241], [-1.28888275], [0.53405496]], "b1")
        expectPrinted(updated.W(2), [[-0.55569196, 0.0354055, 1.32964895]], "W2")
        expectPrinted(updated.b(2), [[-0.84610769]], "b2")
        #expect(parameters.W(1) == W1, "the returned copy is updated, not the argument")
    }
}
