import Testing
@testable import BackpropMatrix

/// Results must not depend on the thread count: the same bits on 1 and 2 threads. Serialized
/// because it changes the global setting (other suites never set it, and their results do not
/// depend on it anyway).
@Suite(.serialized) struct KernelThreadingTests {
    /// Runs `body` with the thread count set to `count`, restoring the previous setting.
    static func with<R>(threads count: Int, _ body: () -> R) -> R {
        let saved = BackpropThreads.count
        BackpropThreads.count = count
        defer { BackpropThreads.count = saved }
        return body()
    }

    @Test("GEMM gives the same bits on 1 and 2 threads (both split directions, both types)")
    func gemmInvariance() {
        var rng = SeededGenerator(seed: 21)
        // W1·X, dZ·Xᵀ, Wᵀ·dZ at reduced k, and square products large enough to split
        let cases: [(Int, Int, Int, Bool, Bool)] = [
            (20, 209, 3000, false, false), (20, 3000, 209, false, true), (3000, 209, 20, true, false),
            (257, 263, 269, false, false), (131, 517, 300, true, true), (601, 40, 300, false, true),
        ]
        for (m, n, k, ta, tb) in cases {
            let a: Matrix<Float> = ta ? rng.normal(rows: k, columns: m) : rng.normal(rows: m, columns: k)
            let b: Matrix<Float> = tb ? rng.normal(rows: n, columns: k) : rng.normal(rows: k, columns: n)
            let c0: Matrix<Float> = rng.normal(rows: m, columns: n)
            func run(_ threads: Int) -> (Matrix<Float>, Matrix<Double>) {
                Self.with(threads: threads) {
                    var c = c0
                    Matrix.gemm(a, transposeA: ta, b, transposeB: tb, alpha: 0.75, beta: 0.5, into: &c)
                    let d = Matrix.product(a.converted(to: Double.self), transposeA: ta,
                                           b.converted(to: Double.self), transposeB: tb)
                    return (c, d)
                }
            }
            let before = BackpropThreads.parallelDispatchCountOnThisThread
            let (one, oneD) = run(1)
            #expect(BackpropThreads.parallelDispatchCountOnThisThread == before, "1 thread must not dispatch")
            var (two, twoD) = run(2)
            // The pool runs a job serially while another test holds it (a large product in a
            // suite running alongside can hold it for seconds); retry until it splits.
            let deadline = ContinuousClock.now + .seconds(120)
            while BackpropThreads.parallelDispatchCountOnThisThread == before && ContinuousClock.now < deadline {
                (two, twoD) = run(2)
            }
            #expect(BackpropThreads.parallelDispatchCountOnThisThread > before, "(\(m), \(n), \(k)) never ran on 2 threads")
            #expect(one.elements.map(\.bitPattern) == two.elements.map(\.bitPattern), "Float (\(m), \(n), \(k)) tA=\(ta) tB=\(tb)")
            #expect(oneD.elements.map(\.bitPattern) == twoD.elements.map(\.bitPattern), "Double (\(m), \(n), \(k)) tA=\(ta) tB=\(tb)")
        }
    }

    @Test("Element-wise kernels give the same bits on 1 and 2 threads")
    func elementwiseInvariance() {
        var rng = SeededGenerator(seed: 22)
        let z: Matrix<Float> = rng.normal(rows: 300, columns: 1001)
        let dA: Matrix<Float> = rng.normal(rows: 300, columns: 1001)
        func run(_ threads: Int) -> [Matrix<Float>] {
            Self.with(threads: threads) {
                [z.applying(.sigmoid), z.applying(.relu), z.applying(.tanh), z.applying(.exp),
                 Matrix.backward(.sigmoid, dA: dA, z: z), Matrix.backward(.relu, dA: dA, z: z)]
            }
        }
        let one = run(1), two = run(2)
        for (x, y) in zip(one, two) { #expect(x.elements.map(\.bitPattern) == y.elements.map(\.bitPattern)) }
    }

    @Test("Optimiser kernels give the same bits on 1 and 2 threads")
    func optimizerInvariance() {
        var rng = SeededGenerator(seed: 23)
        let theta0: Matrix<Float> = rng.normal(rows: 300, columns: 1001), g: Matrix<Float> = rng.normal(rows: 300, columns: 1001)
        let v0: Matrix<Float> = rng.normal(rows: 300, columns: 1001), s0 = v0 * v0
        func run(_ threads: Int) -> [Matrix<Float>] {
            Self.with(threads: threads) {
                var theta = theta0, v = v0, s = s0
                theta.adamStep(firstMoment: &v, secondMoment: &s, gradient: g, beta1: 0.9, beta2: 0.999,
                               correction1: 0.1, correction2: 0.001, epsilon: 1e-8, learningRate: 0.01)
                var thetaM = theta0, vM = v0
                thetaM.momentumStep(velocity: &vM, gradient: g, beta: 0.9, learningRate: 0.1)
                return [theta, v, s, thetaM, vM]
            }
        }
        let one = run(1), two = run(2)
        for (x, y) in zip(one, two) { #expect(x.elements.map(\.bitPattern) == y.elements.map(\.bitPattern)) }
    }

    @Test("The fused first-layer step gives the same bits on 1 and 2 threads (its block size follows the thread count)")
    func firstLayerStepInvariance() {
        var rng = SeededGenerator(seed: 29)
        func run<T: MatrixScalar>(_: T.Type, _ threads: Int) -> [Matrix<T>] {
            let W: Matrix<T> = rng.normal(rows: 20, columns: 3001), dZ: Matrix<T> = rng.normal(rows: 20, columns: 209)
            let X: Matrix<T> = rng.normal(rows: 3001, columns: 209)
            return Self.with(threads: threads) {
                var next = Matrix<T>(rows: 0, columns: 0)
                var z: Matrix<T>? = Matrix(rows: 0, columns: 0)
                let ok = Matrix.firstLayerGradientStep(weights: W, deltas: dZ, input: X, gradientScale: 1 / 209, l2: 0.01, learningRate: 0.1,
                                                       updatedWeights: &next, nextPreActivation: &z)
                #expect(ok)
                return [next, z!]
            }
        }
        let oneF = run(Float.self, 1)
        rng = SeededGenerator(seed: 29)
        let twoF = run(Float.self, 2)
        for (x, y) in zip(oneF, twoF) { #expect(x.elements.map(\.bitPattern) == y.elements.map(\.bitPattern)) }
        rng = SeededGenerator(seed: 31)
        let one = run(Double.self, 1)
        rng = SeededGenerator(seed: 31)
        let two = run(Double.self, 2)
        for (x, y) in zip(one, two) { #expect(x.elements.map(\.bitPattern) == y.elements.map(\.bitPattern)) }
    }

    @Test("The thread count setting clamps to at least 1")
    func setting() {
        Self.with(threads: 0) { #expect(BackpropThreads.count == 1) }
        Self.with(threads: 3) { #expect(BackpropThreads.count == 3) }
        #expect(BackpropThreads.processorCount >= 1)
        #expect(["avx512", "avx2", "portable"].contains(BackpropThreads.instructionSet))
    }
}
