import CBackpropKernels
import Testing
@testable import BackpropMatrix

/// The fast matrix multiply (`Kernels.gemm`, reached through `MatrixScalar._gemm` and
/// `Matrix.gemm`) against the textbook triple loop `ReferenceKernels.gemm`.
///
/// Tolerance: the two sum in different orders, so each element may differ by the rounding of
/// a k-term dot product: |fast − reference| ≤ 2 · (k + 2) · ε · (|α| Σ_p |a_ip b_pj| + |β c_ij|),
/// with ε the unit roundoff of the type (a standard forward error bound, doubled).
@Suite struct KernelGemmTests {
    /// (m, n, k): 1×1, primes, empties, sizes around the blocking (MR ≤ 14, NR = 32/16,
    /// KC = 384/256 and MC = 168/112, NC = 3072/2048) and the course's shapes scaled in k.
    /// Products with a C of 4 MB or more block K by 1024: ``largeProductsMatchDoublePrecision()``.
    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 1), (0, 3, 4), (3, 0, 4), (3, 4, 0), (0, 0, 0), (1, 7, 1), (7, 1, 3),
        (2, 3, 5), (7, 11, 13), (13, 17, 19), (14, 32, 8), (15, 33, 9), (28, 64, 17),
        (29, 31, 37), (20, 209, 389), (20, 41, 700), (5, 20, 7), (1, 5, 20), (41, 3, 43),
        (170, 35, 20), (3, 3100, 5), (113, 47, 260), (61, 67, 71), (29, 33, 1025), (30, 19, 2100),
    ]

    static let scalings: [(alpha: Double, beta: Double)] = [(1, 0), (2.5, 0), (1, 1), (-0.5, 0.75), (0, 2), (0, 0)]

    /// Runs one case through `_gemm` with optional padding of every row stride (so strides
    /// differ from widths) and compares with the reference.
    static func check<T: MatrixScalar>(
        _: T.Type, m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool,
        alpha: T, beta: T, pad: Int, seed: UInt64
    ) -> (worst: Double, ok: Bool) {
        var rng = SeededGenerator(seed: seed)
        // Stored shapes: A is (m, k) or (k, m); B is (k, n) or (n, k); C is (m, n).
        let (aRows, aCols) = transposeA ? (k, m) : (m, k)
        let (bRows, bCols) = transposeB ? (n, k) : (k, n)
        let lda = aCols + pad, ldb = bCols + pad, ldc = n + pad
        let a = (0..<max(aRows * lda, 1)).map { _ in T(rng.nextDouble() * 2 - 1) }
        let b = (0..<max(bRows * ldb, 1)).map { _ in T(rng.nextDouble() * 2 - 1) }
        var c0 = (0..<max(m * ldc, 1)).map { _ in T(rng.nextDouble() * 2 - 1) }
        if beta == 0 { for i in c0.indices { c0[i] = .nan } } // must not be read
        var fast = c0, reference = c0
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                fast.withUnsafeMutableBufferPointer { pc in
                    T._gemm(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                        alpha: alpha, a: pa.baseAddress!, lda: max(lda, 1), b: pb.baseAddress!, ldb: max(ldb, 1),
                        beta: beta, c: pc.baseAddress!, ldc: max(ldc, 1))
                }
                reference.withUnsafeMutableBufferPointer { pc in
                    if alpha == 0 || k == 0 {
                        // BLAS: C = beta · C without reading A or B.
                        for i in 0..<m { for j in 0..<n { pc[i * ldc + j] = beta == 0 ? 0 : beta * pc[i * ldc + j] } }
                    } else {
                        ReferenceKernels.gemm(
                            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                            alpha: alpha, a: pa.baseAddress!, lda: max(lda, 1), b: pb.baseAddress!, ldb: max(ldb, 1),
                            beta: beta, c: pc.baseAddress!, ldc: max(ldc, 1))
                    }
                }
            }
        }
        let eps = Double(T.ulpOfOne) / 2
        var worst = 0.0
        var ok = true
        for i in 0..<m {
            for j in 0..<n {
                var magnitude = 0.0
                for p in 0..<k {
                    let x = Double(transposeA ? a[p * lda + i] : a[i * lda + p])
                    let y = Double(transposeB ? b[j * ldb + p] : b[p * ldb + j])
                    magnitude += Swift.abs(x * y)
                }
                magnitude = Swift.abs(Double(alpha)) * magnitude + (beta == 0 ? 0 : Swift.abs(Double(beta) * Double(c0[i * ldc + j])))
                let bound = 2 * Double(k + 2) * eps * magnitude
                let d = Swift.abs(Double(fast[i * ldc + j]) - Double(reference[i * ldc + j]))
                if !(d <= bound) { ok = false }
                if magnitude > 0 { worst = Swift.max(worst, d / magnitude) }
            }
        }
        // Padding between rows of C is never written.
        if pad > 0 {
            for i in 0..<m { for j in n..<(n + pad) where !(fast[i * ldc + j].isNaN && c0[i * ldc + j].isNaN) {
                if fast[i * ldc + j] != c0[i * ldc + j] { ok = false }
            } }
        }
        return (worst, ok)
    }

    @Test("Float and Double gemm match the reference on every shape, transpose and scaling",
          arguments: [false, true])
    func matchesReference(padded: Bool) {
        var seed: UInt64 = padded ? 1000 : 1
        for (m, n, k) in Self.shapes {
            for transposeA in [false, true] {
                for transposeB in [false, true] {
                    // every scaling on small shapes; the two that exercise both code paths on large ones
                    let small = m * n * k <= 30_000
                    for s in small ? Self.scalings : [Self.scalings[0], Self.scalings[3]] {
                        seed += 1
                        let pad = padded ? 3 : 0
                        if padded && !small && s.beta == 0 { continue }
                        let f = Self.check(Float.self, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
                                           alpha: Float(s.alpha), beta: Float(s.beta), pad: pad, seed: seed)
                        #expect(f.ok, "Float (\(m), \(n), \(k)) tA=\(transposeA) tB=\(transposeB) α=\(s.alpha) β=\(s.beta): worst relative \(f.worst)")
                        let d = Self.check(Double.self, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
                                           alpha: s.alpha, beta: s.beta, pad: pad, seed: seed)
                        #expect(d.ok, "Double (\(m), \(n), \(k)) tA=\(transposeA) tB=\(transposeB) α=\(s.alpha) β=\(s.beta): worst relative \(d.worst)")
                    }
                }
            }
        }
    }

    @Test("The course's skinny products (W1·X, dZ·Xᵀ, Wᵀ·dZ) match the reference")
    func courseShapes() {
        // k and n cut from 12288 to keep the reference loop quick; the blocking paths are the same.
        let cases: [(Int, Int, Int, Bool, Bool)] = [
            (20, 209, 1537, false, false), // W1 · X
            (20, 1537, 209, false, true),  // dW1 = dZ1 · Xᵀ
            (1537, 209, 20, true, false),  // dA0 = W1ᵀ · dZ1
            (7, 209, 20, false, false), (20, 209, 7, true, false), (1, 209, 5, false, false),
        ]
        for (i, (m, n, k, ta, tb)) in cases.enumerated() {
            let f = Self.check(Float.self, m: m, n: n, k: k, transposeA: ta, transposeB: tb, alpha: 1, beta: 0, pad: 0, seed: UInt64(50 + i))
            #expect(f.ok, "Float (\(m), \(n), \(k)) tA=\(ta) tB=\(tb): worst relative \(f.worst)")
            let d = Self.check(Double.self, m: m, n: n, k: k, transposeA: ta, transposeB: tb, alpha: 1, beta: 0, pad: 0, seed: UInt64(60 + i))
            #expect(d.ok, "Double (\(m), \(n), \(k)) tA=\(ta) tB=\(tb): worst relative \(d.worst)")
        }
    }

    @Test("Matrix.product and Matrix.gemm go through the kernel and agree with the reference")
    func matrixEntryPoints() {
        var rng = SeededGenerator(seed: 7)
        let a: Matrix<Double> = rng.normal(rows: 37, columns: 53)
        let b: Matrix<Double> = rng.normal(rows: 53, columns: 29)
        let product = a.dot(b)
        var expected = Matrix<Double>(rows: 37, columns: 29)
        a.elements.withUnsafeBufferPointer { pa in
            b.elements.withUnsafeBufferPointer { pb in
                expected.withUnsafeMutableBufferPointer { pc in
                    ReferenceKernels.gemm(
                        transposeA: false, transposeB: false, m: 37, n: 29, k: 53, alpha: 1.0,
                        a: pa.baseAddress!, lda: 53, b: pb.baseAddress!, ldb: 29, beta: 0, c: pc.baseAddress!, ldc: 29)
                }
            }
        }
        #expect(product.isApproximatelyEqual(to: expected, tolerance: 1e-13))
        let viaTranspose = Matrix.product(b, transposeA: true, a, transposeB: true)
        #expect(viaTranspose.isApproximatelyEqual(to: expected.transposed, tolerance: 1e-13))
    }

    /// A product whose C is at least 4 MB takes the long inner block (KC 1024; K = 1030 makes
    /// a full block and a partial one); too large for the triple loop in a debug build, it is checked against the
    /// double-precision kernel on the same values, an independent blocking and rounding:
    /// |C_float − C_double| ≤ 2 · (k + 2) · ε_float · (|A| · |B|), the bound above.
    @Test("Large products (C ≥ 4 MB, K blocked by 1024) match double precision within the bound")
    func largeProductsMatchDoublePrecision() {
        let m = 1000, n = 1050, k = 1030
        var rng = SeededGenerator(seed: 41)
        let a = Matrix<Float>(rows: m, columns: k, elements: (0..<(m * k)).map { _ in Float(rng.nextDouble() * 2 - 1) })
        let b = Matrix<Float>(rows: k, columns: n, elements: (0..<(k * n)).map { _ in Float(rng.nextDouble() * 2 - 1) })
        var c = Matrix<Float>(rows: 0, columns: 0), exact = Matrix<Double>(rows: 0, columns: 0), magnitude = exact
        Matrix.gemm(a, b, into: &c)
        Matrix.gemm(a.converted(to: Double.self), b.converted(to: Double.self), into: &exact)
        Matrix.gemm(a.converted(to: Double.self).magnitude(), b.converted(to: Double.self).magnitude(), into: &magnitude)
        let scale = 2 * Double(k + 2) * Double(Float.ulpOfOne) / 2
        let within = (0..<(m * n)).allSatisfy { Swift.abs(Double(c.elements[$0]) - exact.elements[$0]) <= scale * magnitude.elements[$0] }
        #expect(within)
        // and the transposed-operand paths of the same blocking
        var ct = Matrix<Float>(rows: 0, columns: 0)
        Matrix.gemm(a.transposed, transposeA: true, b.transposed, transposeB: true, into: &ct)
        #expect(ct.elements.map(\.bitPattern) == c.elements.map(\.bitPattern), "op(A) and op(B) by stride give other bits than stored")
    }

    /// With AVX-512 the kernels read op(A) where it is stored when an MR-tall panel fits in L1
    /// (`BP_GEMM_A_IN_PLACE_BYTES`), instead of packing it: every element must be the same FMA
    /// chain either way, so the bits must match exactly (tolerance 0). Shapes: partial row
    /// tiles and column panels, K across KC (384 float, 256 double), M across MC, padded strides.
    @Test("Reading A in place gives the bits of packing it", arguments: [false, true])
    func inPlaceAMatchesPacked(transposeA: Bool) {
        func product<T: MatrixScalar>(_: T.Type, m: Int, n: Int, k: Int, transposeB: Bool, inPlace: Bool, seed: UInt64) -> [T] {
            var rng = SeededGenerator(seed: seed)
            let pad = 3
            let lda = (transposeA ? m : k) + pad, ldb = (transposeB ? k : n) + pad, ldc = n + pad
            let a = (0..<((transposeA ? k : m) * lda)).map { _ in T(rng.nextDouble() * 2 - 1) }
            let b = (0..<((transposeB ? n : k) * ldb)).map { _ in T(rng.nextDouble() * 2 - 1) }
            var c = (0..<(m * ldc)).map { _ in T(rng.nextDouble() * 2 - 1) }
            bp_set_gemm_a_in_place(inPlace ? 1 : 0)
            defer { bp_set_gemm_a_in_place(1) }
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        T._gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1.5,
                                a: pa.baseAddress!, lda: lda, b: pb.baseAddress!, ldb: ldb, beta: 0.5, c: pc.baseAddress!, ldc: ldc)
                    }
                }
            }
            return c
        }
        var seed: UInt64 = transposeA ? 300 : 200
        for (m, n, k) in [(15, 33, 9), (29, 67, 400), (113, 47, 260), (170, 35, 20), (3, 100, 5), (41, 96, 785)] {
            for transposeB in [false, true] {
                seed += 1
                let packed = product(Float.self, m: m, n: n, k: k, transposeB: transposeB, inPlace: false, seed: seed)
                let inPlace = product(Float.self, m: m, n: n, k: k, transposeB: transposeB, inPlace: true, seed: seed)
                #expect(packed.map(\.bitPattern) == inPlace.map(\.bitPattern), "Float (\(m), \(n), \(k)) tA=\(transposeA) tB=\(transposeB)")
                let packedD = product(Double.self, m: m, n: n, k: k, transposeB: transposeB, inPlace: false, seed: seed)
                let inPlaceD = product(Double.self, m: m, n: n, k: k, transposeB: transposeB, inPlace: true, seed: seed)
                #expect(packedD.map(\.bitPattern) == inPlaceD.map(\.bitPattern), "Double (\(m), \(n), \(k)) tA=\(transposeA) tB=\(transposeB)")
            }
        }
    }

    @Test("An exactly representable product is exact (integers, every path)")
    func exactIntegers() {
        // Small integers multiply and add exactly in any order, so all paths must agree bit for bit.
        var rng = SeededGenerator(seed: 11)
        for (m, n, k) in [(20, 209, 500), (33, 65, 31), (3, 70, 400)] {
            let a = Matrix<Float>(rows: m, columns: k) { _, _ in Float(Int(rng.next() % 7) - 3) }
            let b = Matrix<Float>(rows: k, columns: n) { _, _ in Float(Int(rng.next() % 7) - 3) }
            let fast = a.dot(b)
            let exact = Matrix<Float>(rows: m, columns: n) { i, j in
                var s = 0
                for p in 0..<k { s += Int(a[i, p]) * Int(b[p, j]) }
                return Float(s)
            }
            #expect(fast == exact, "(\(m), \(n), \(k))")
        }
    }
}
