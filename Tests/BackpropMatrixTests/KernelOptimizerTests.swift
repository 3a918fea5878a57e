import Testing
@testable import BackpropMatrix

/// The optimiser kernels (gradient descent, momentum, RMSProp, Adam) against the scalar loops of
/// ``ReferenceKernels``: bit for bit (tolerance 0), because both round every operation of the
/// same formula in the same order. Lengths cover the empty tensor, the vector tails (below and
/// across 8 and 16 lanes) and tensors long enough to be split between threads (≥ 2¹⁷).
@Suite struct KernelOptimizerTests {
    static let lengths = [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 200_003]

    /// Parameters, moments (non-negative squares) and gradients with a spread of magnitudes,
    /// zeros and a few exact ties.
    static func tensors<T: MatrixScalar>(_: T.Type, count: Int, seed: UInt64) -> (Matrix<T>, Matrix<T>, Matrix<T>, Matrix<T>) {
        var rng = SeededGenerator(seed: seed)
        func fill(_ transform: (Double) -> Double) -> Matrix<T> {
            Matrix(rows: 1, columns: count, elements: (0..<count).map { i in
                i % 97 == 0 ? 0 : T(transform((rng.nextDouble() * 2 - 1) * [1, 1e-3, 30, 1e-7][i % 4]))
            })
        }
        return (fill { $0 }, fill { $0 * 0.1 }, fill { $0 * $0 }, fill { $0 })
    }

    /// Equal bits: equal values with equal signs (±0 distinguished), or both NaN.
    func same<T: MatrixScalar>(_ a: Matrix<T>, _ b: Matrix<T>) -> Bool {
        a.shape == b.shape && zip(a.elements, b.elements).allSatisfy { ($0 == $1 && $0.sign == $1.sign) || ($0.isNaN && $1.isNaN) }
    }

    func check<T: MatrixScalar>(_: T.Type, count: Int) {
        let (theta0, v0, s0, g) = Self.tensors(T.self, count: count, seed: UInt64(count) + 5)
        // Two steps, so the second starts from moments the first wrote.
        var fastTheta = theta0, fastV = v0, fastS = s0
        var refTheta = theta0, refV = v0, refS = s0
        for step in 1...2 {
            let c1 = T(1 - Double.pow(0.9, Double(step))), c2 = T(1 - Double.pow(0.999, Double(step)))
            fastTheta.adamStep(firstMoment: &fastV, secondMoment: &fastS, gradient: g, beta1: 0.9, beta2: 0.999,
                               correction1: c1, correction2: c2, epsilon: 1e-8, learningRate: 0.001)
            ReferenceKernels.adamStep(&refTheta, firstMoment: &refV, secondMoment: &refS, gradient: g, beta1: 0.9, beta2: 0.999,
                                      correction1: c1, correction2: c2, epsilon: 1e-8, learningRate: 0.001)
        }
        #expect(same(fastTheta, refTheta) && same(fastV, refV) && same(fastS, refS), "adam \(T.self) n=\(count)")

        fastTheta = theta0; refTheta = theta0
        fastTheta.gradientDescentStep(gradient: g, learningRate: 0.01)
        ReferenceKernels.gradientDescentStep(&refTheta, gradient: g, learningRate: 0.01)
        #expect(same(fastTheta, refTheta), "gradient descent \(T.self) n=\(count)")

        fastTheta = theta0; fastV = v0; refTheta = theta0; refV = v0
        fastTheta.momentumStep(velocity: &fastV, gradient: g, beta: 0.9, learningRate: 0.01)
        ReferenceKernels.momentumStep(&refTheta, velocity: &refV, gradient: g, beta: 0.9, learningRate: 0.01)
        #expect(same(fastTheta, refTheta) && same(fastV, refV), "momentum \(T.self) n=\(count)")

        fastTheta = theta0; fastS = s0; refTheta = theta0; refS = s0
        fastTheta.rmsPropStep(squares: &fastS, gradient: g, beta: 0.999, epsilon: 1e-8, learningRate: 0.01)
        ReferenceKernels.rmsPropStep(&refTheta, squares: &refS, gradient: g, beta: 0.999, epsilon: 1e-8, learningRate: 0.01)
        #expect(same(fastTheta, refTheta) && same(fastS, refS), "rmsprop \(T.self) n=\(count)")
    }

    @Test("Gradient descent, Adam, momentum and RMSProp kernels equal the scalar formulas bit for bit", arguments: lengths)
    func kernelsMatchReference(count: Int) {
        check(Float.self, count: count)
        check(Double.self, count: count)
    }
}
