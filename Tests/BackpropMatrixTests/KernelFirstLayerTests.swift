import Testing
@testable import BackpropMatrix

/// The fused first-layer step (`Matrix.firstLayerGradientStep`: dW = s · dZ · Xᵀ + l2 · W,
/// W' = W − α dW, Z' = W' · X in one pass over X) against
/// 1. the same steps run one after the other (`ReferenceKernels.firstLayerGradientStep`, on the
///    fast matrix multiply): bit for bit, tolerance 0 — the fused pass blocks X's rows in whole
///    multiples of the multiply's inner block KC, so every sum keeps its order;
/// 2. the textbook triple loop (`ReferenceKernels.gemm`), an independent order of summation:
///    within 2 · (k + 2) · ε of the sum of the magnitudes, as KernelGemmTests bounds a product.
///
/// Shapes: n_0 below, at and across KC (for n_1 ≤ 28, 384 for Float and 256 for Double on
/// AVX-512, else 1024; 256 on AVX2 and portable) and across the pass's block (about 512 KB of X
/// per thread), m around the multiply's register tiles and above KC, n_1 of one and of two row
/// tiles and above 28.
@Suite struct KernelFirstLayerTests {
    static let shapes: [(n1: Int, n0: Int, m: Int)] = [
        (1, 1, 1), (3, 7, 5), (20, 383, 209), (20, 385, 209), (7, 1000, 33), (20, 2700, 209),
        (2, 5000, 40), (13, 300, 300), (1, 769, 2), (29, 129, 17), (30, 7000, 20),
    ]

    /// Equal bits: equal values with equal signs (±0 distinguished), or both NaN.
    static func same<T: MatrixScalar>(_ a: Matrix<T>, _ b: Matrix<T>) -> Bool {
        a.shape == b.shape && zip(a.elements, b.elements).allSatisfy { ($0 == $1 && $0.sign == $1.sign) || ($0.isNaN && $1.isNaN) }
    }

    static func inputs<T: MatrixScalar>(_: T.Type, n1: Int, n0: Int, m: Int, seed: UInt64) -> (W: Matrix<T>, dZ: Matrix<T>, X: Matrix<T>) {
        var rng = SeededGenerator(seed: seed)
        let W = Matrix<T>(rows: n1, columns: n0, elements: (0..<(n1 * n0)).map { _ in T(rng.nextDouble() - 0.5) })
        let dZ = Matrix<T>(rows: n1, columns: m, elements: (0..<(n1 * m)).map { _ in T(rng.nextDouble() * 2 - 1) })
        let X = Matrix<T>(rows: n0, columns: m, elements: (0..<(n0 * m)).map { i in i % 11 == 0 ? 0 : T(rng.nextDouble()) })
        return (W, dZ, X)
    }

    /// One case, fused and step by step; returns whether they agree bit for bit.
    static func agreesWithTheSeparateSteps<T: MatrixScalar>(
        _: T.Type, n1: Int, n0: Int, m: Int, scale: T, l2: T, next: Bool, seed: UInt64
    ) -> Bool {
        let (W, dZ, X) = inputs(T.self, n1: n1, n0: n0, m: m, seed: seed)
        var fastW = Matrix<T>(rows: 0, columns: 0), refW = Matrix<T>(rows: 0, columns: 0)
        var fastZ: Matrix<T>? = next ? Matrix(rows: 0, columns: 0) : nil, refZ = fastZ
        let fastOK = Matrix.firstLayerGradientStep(weights: W, deltas: dZ, input: X, gradientScale: scale, l2: l2, learningRate: 0.05,
                                                   updatedWeights: &fastW, nextPreActivation: &fastZ)
        let refOK = ReferenceKernels.firstLayerGradientStep(weights: W, deltas: dZ, input: X, gradientScale: scale, l2: l2, learningRate: 0.05,
                                                            updatedWeights: &refW, nextPreActivation: &refZ)
        guard fastOK && refOK && same(fastW, refW) else { return false }
        if let fastZ, let refZ { return same(fastZ, refZ) }
        return fastZ == nil && refZ == nil
    }

    @Test("The fused pass gives the bits of the separate steps (Float and Double, every shape, scale, L2, with and without Z')")
    func fusedMatchesSeparateSteps() {
        for (i, s) in Self.shapes.enumerated() {
            for (scale, l2, next) in [(1.0, 0.0, true), (1 / Double(s.m), 0.0, true), (1.0, 0.02, true), (1 / Double(s.m), 0.02, false)] {
                let seed = UInt64(i * 10 + 1)
                #expect(Self.agreesWithTheSeparateSteps(Float.self, n1: s.n1, n0: s.n0, m: s.m, scale: Float(scale), l2: Float(l2), next: next, seed: seed),
                        "Float \(s), scale \(scale), l2 \(l2), next \(next)")
                #expect(Self.agreesWithTheSeparateSteps(Double.self, n1: s.n1, n0: s.n0, m: s.m, scale: scale, l2: l2, next: next, seed: seed),
                        "Double \(s), scale \(scale), l2 \(l2), next \(next)")
            }
        }
    }

    /// W' and Z' against the triple loop, in Double arithmetic for the bound.
    func checkAgainstTripleLoop<T: MatrixScalar>(_: T.Type, n1: Int, n0: Int, m: Int) {
        let (W, dZ, X) = Self.inputs(T.self, n1: n1, n0: n0, m: m, seed: 99)
        let scale = 1 / T(m), l2: T = 0.01, alpha: T = 0.05
        var fastW = Matrix<T>(rows: 0, columns: 0)
        var fastZ: Matrix<T>? = Matrix(rows: 0, columns: 0)
        #expect(Matrix.firstLayerGradientStep(weights: W, deltas: dZ, input: X, gradientScale: scale, l2: l2, learningRate: alpha,
                                              updatedWeights: &fastW, nextPreActivation: &fastZ))
        let eps = Double(T.ulpOfOne) / 2
        var worstW = 0.0, worstZ = 0.0
        for i in 0..<n1 {
            for k in 0..<n0 {
                var dot = 0.0, magnitude = 0.0
                for j in 0..<m {
                    dot += Double(dZ[i, j]) * Double(X[k, j])
                    magnitude += Swift.abs(Double(dZ[i, j]) * Double(X[k, j]))
                }
                let w = Double(W[i, k])
                let expected = w - Double(alpha) * (Double(scale) * dot + Double(l2) * w)
                let bound = 2 * Double(m + 4) * eps * (Swift.abs(w) + Double(alpha) * (Double(scale) * magnitude + Double(l2) * Swift.abs(w)))
                worstW = Swift.max(worstW, Swift.abs(Double(fastW[i, k]) - expected) / Swift.max(bound, .leastNormalMagnitude))
            }
            for j in 0..<m {
                var dot = 0.0, magnitude = 0.0
                for k in 0..<n0 {
                    dot += Double(fastW[i, k]) * Double(X[k, j])
                    magnitude += Swift.abs(Double(fastW[i, k]) * Double(X[k, j]))
                }
                let bound = 2 * Double(n0 + 2) * eps * magnitude
                worstZ = Swift.max(worstZ, Swift.abs(Double(fastZ![i, j]) - dot) / Swift.max(bound, .leastNormalMagnitude))
            }
        }
        #expect(worstW <= 1 && worstZ <= 1, "\(T.self) (\(n1), \(n0), \(m)): worst error / bound W' \(worstW), Z' \(worstZ)")
    }

    @Test("W' and Z' agree with the triple loop within the rounding bound")
    func fusedMatchesTripleLoop() {
        for (n1, n0, m) in [(3, 7, 5), (20, 1000, 60), (4, 2100, 31)] {
            checkAgainstTripleLoop(Float.self, n1: n1, n0: n0, m: m)
            checkAgainstTripleLoop(Double.self, n1: n1, n0: n0, m: m)
        }
    }

    @Test("A NaN, an infinity or an overflow in dW is reported (false), and W is not written")
    func nonFiniteGradientsAreReported() {
        let (W, dZ, X) = Self.inputs(Float.self, n1: 4, n0: 900, m: 30, seed: 5)
        func run(_ dZ: Matrix<Float>, _ X: Matrix<Float>) -> Bool {
            var next = Matrix<Float>(rows: 0, columns: 0)
            var z: Matrix<Float>? = Matrix(rows: 0, columns: 0)
            let saved = W
            let ok = Matrix.firstLayerGradientStep(weights: W, deltas: dZ, input: X, gradientScale: 1, l2: 0, learningRate: 0.1,
                                                   updatedWeights: &next, nextPreActivation: &z)
            #expect(Self.same(W, saved))
            return ok
        }
        #expect(run(dZ, X))
        var nan = dZ
        nan[2, 7] = .nan
        #expect(!run(nan, X))
        var infinite = dZ
        infinite[0, 0] = .infinity
        #expect(!run(infinite, X))
        // Finite inputs whose products overflow Float: 1e20 · 1e20.
        var large = X
        large[850, 3] = 1e20
        var largeDeltas = dZ
        largeDeltas[1, 3] = 1e20
        #expect(!run(largeDeltas, large))
    }

    @Test("No examples: dW is the L2 term alone, Z' is empty")
    func noExamples() {
        let W = Matrix<Double>(rows: 3, columns: 4, elements: (0..<12).map { Double($0) - 5 })
        for l2 in [0.0, 0.5] {
            var next = Matrix<Double>(rows: 0, columns: 0)
            var z: Matrix<Double>? = Matrix(rows: 0, columns: 0)
            #expect(Matrix.firstLayerGradientStep(weights: W, deltas: Matrix(rows: 3, columns: 0), input: Matrix(rows: 4, columns: 0),
                                                  gradientScale: 1, l2: l2, learningRate: 0.1, updatedWeights: &next, nextPreActivation: &z))
            #expect(next == W.map { $0 + -0.1 * (l2 * $0) } && z!.shape == (3, 0))
        }
    }
}
