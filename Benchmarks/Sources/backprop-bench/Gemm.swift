#if canImport(Backprop)
import Backprop
#else
import BackpropMatrix
#endif

/// One matrix product to time: `op(A) · op(B)` with `op(A)` (m, k) and `op(B)` (k, n).
struct GemmCase {
    var name: String
    var m: Int, n: Int, k: Int
    var transposeA = false, transposeB = false
    var double = false

    var flops: Double { 2 * Double(m) * Double(n) * Double(k) }

    /// Median seconds of `Matrix.gemm` into a reused result (no allocation per run).
    func time(reps: Int, minSeconds: Double) -> Double {
        double ? run(Double.self, reps: reps, minSeconds: minSeconds) : run(Float.self, reps: reps, minSeconds: minSeconds)
    }

    private func run<T: MatrixScalar>(_: T.Type, reps: Int, minSeconds: Double) -> Double {
        var rng = SeededGenerator(seed: 0)
        let a: Matrix<T> = transposeA ? rng.normal(rows: k, columns: m) : rng.normal(rows: m, columns: k)
        let b: Matrix<T> = transposeB ? rng.normal(rows: n, columns: k) : rng.normal(rows: k, columns: n)
        var c = Matrix<T>(rows: m, columns: n)
        return measure(reps: reps, minSeconds: minSeconds) {
            Matrix.gemm(a, transposeA: transposeA, b, transposeB: transposeB, into: &c)
        }
    }

    /// The cases of issue 4 (square products and the course's skinny W1 products) and W3's
    /// forward product and weight gradient.
    static func standard(quick: Bool) -> [GemmCase] {
        var cases = [
            GemmCase(name: "1024^3", m: 1024, n: 1024, k: 1024),
            GemmCase(name: "2048^3", m: 2048, n: 2048, k: 2048),
            GemmCase(name: "W1·X (20x12288 · 12288x209)", m: 20, n: 209, k: 12288),
            GemmCase(name: "dZ·Xᵀ (20x209 · (12288x209)ᵀ)", m: 20, n: 12288, k: 209, transposeB: true),
            GemmCase(name: "dZ·Xt (20x209 · 209x12288, stored Xᵀ)", m: 20, n: 12288, k: 209),
            GemmCase(name: "Wᵀ·dZ ((20x12288)ᵀ · 20x209)", m: 12288, n: 209, k: 20, transposeA: true),
            GemmCase(name: "W3 fwd (1024x784 · 784x256)", m: 1024, n: 256, k: 784),
            // A gradient whose rows are 4 KB apart (see gemm_avx512.c on prefetching C).
            GemmCase(name: "W3 dW2 (1024x256 · (1024x256)ᵀ)", m: 1024, n: 1024, k: 256, transposeB: true),
        ]
        if quick { cases.remove(at: 1) }
        let doubles = cases.filter { $0.name != "2048^3" }.map { var c = $0; c.double = true; return c }
        return cases + doubles
    }
}
