/// The simple reference versions of the compute kernels: obviously correct loops that the fast
/// kernels are tested against. Not fast, and not meant to be.
public enum ReferenceKernels {
    /// `C = alpha · op(A) · op(B) + beta · C` with row-major buffers, by the textbook triple loop.
    ///
    /// - Shapes: `op(A)` (m, k) stored with row stride `lda`; `op(B)` (k, n) stored with row
    ///   stride `ldb`; `C` (m, n) with row stride `ldc`. A transposed operand is read by stride.
    ///   With `beta == 0`, C's previous contents are not read.
    public static func gemm<T: MatrixScalar>(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: T, a: UnsafePointer<T>, lda: Int,
        b: UnsafePointer<T>, ldb: Int,
        beta: T, c: UnsafeMutablePointer<T>, ldc: Int
    ) {
        for i in 0..<m {
            for j in 0..<n {
                var acc: T = 0
                for p in 0..<k {
                    let x = transposeA ? a[p * lda + i] : a[i * lda + p]
                    let y = transposeB ? b[j * ldb + p] : b[p * ldb + j]
                    acc += x * y
                }
                let old = beta == 0 ? 0 : beta * c[i * ldc + j]
                c[i * ldc + j] = alpha * acc + old
            }
        }
    }
}
