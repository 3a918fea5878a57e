/// The compute kernels behind the matrix core. Each entry point has a plain reference version
/// (`ReferenceKernels`) that the fast kernels are tested against.
@usableFromInline
enum Kernels {
    /// `C = alpha · op(A) · op(B) + beta · C` on row-major buffers; see ``MatrixScalar/_gemm``.
    @usableFromInline
    static func gemm<T: MatrixScalar>(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: T, a: UnsafePointer<T>, lda: Int,
        b: UnsafePointer<T>, ldb: Int,
        beta: T, c: UnsafeMutablePointer<T>, ldc: Int
    ) {
        ReferenceKernels.gemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
            alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}
