import CBackpropKernels

/// The compute kernels behind the matrix core: thin Swift entry points over the C target
/// `CBackpropKernels`, which holds the packed, register-blocked matrix multiply and the SIMD
/// element-wise functions, each with AVX-512, AVX2+FMA and portable versions chosen once at
/// run time.
///
/// Why C: Swift has no per-function target attribute, so Swift SIMD code built for baseline
/// x86-64 calls `fmaf` for every fused multiply-add; the C kernels carry
/// `__attribute__((target(...)))` instead, and the package still builds with plain
/// `swift build` (no unsafe flags). Each entry point has a plain reference version
/// (``ReferenceKernels``) that the tests compare it with.
@usableFromInline
enum Kernels {
    /// `C = alpha · op(A) · op(B) + beta · C` on row-major Float buffers; see
    /// ``MatrixScalar/_gemm(transposeA:transposeB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)``.
    ///
    /// - Shapes: `op(A)` (m, k), `op(B)` (k, n), `C` (m, n); strides as stored.
    @usableFromInline
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        bp_sgemm(
            transposeA ? 1 : 0, transposeB ? 1 : 0, m, n, k,
            alpha, a, lda, b, ldb, beta, c, ldc)
    }

    /// `C = alpha · op(A) · op(B) + beta · C` on row-major Double buffers.
    ///
    /// - Shapes: `op(A)` (m, k), `op(B)` (k, n), `C` (m, n); strides as stored.
    @usableFromInline
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        bp_dgemm(
            transposeA ? 1 : 0, transposeB ? 1 : 0, m, n, k,
            alpha, a, lda, b, ldb, beta, c, ldc)
    }

    /// The instruction set the kernels run on: `"avx512"`, `"avx2"` or `"portable"`.
    static var instructionSet: String { String(cString: bp_kernels_isa()) }
}
