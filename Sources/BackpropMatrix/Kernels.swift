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
    /// `C = alpha · op(A) · op(B) + beta · C` on row-major buffers (`bp_sgemm` for Float,
    /// `bp_dgemm` for Double); see
    /// ``MatrixScalar/_gemm(transposeA:transposeB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)``.
    ///
    /// - Shapes: `op(A)` (m, k), `op(B)` (k, n), `C` (m, n); strides as stored.
    @usableFromInline
    static func gemm<T: MatrixScalar>(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: T, a: UnsafePointer<T>, lda: Int,
        b: UnsafePointer<T>, ldb: Int,
        beta: T, c: UnsafeMutablePointer<T>, ldc: Int
    ) {
        let ta: Int32 = transposeA ? 1 : 0, tb: Int32 = transposeB ? 1 : 0
        if T.self == Float.self {
            bp_sgemm(ta, tb, m, n, k, Float(alpha), f32(a), lda, f32(b), ldb, Float(beta), f32(c), ldc)
        } else {
            bp_dgemm(ta, tb, m, n, k, Double(alpha), f64(a), lda, f64(b), ldb, Double(beta), f64(c), ldc)
        }
    }

    /// `out[c · outStride + r] = a[r · sourceStride + c]` for r < rows, c < columns
    /// (`bp_transpose_f32` / `bp_transpose_f64`); the buffers must not overlap.
    ///
    /// - Shapes: `a` (rows, columns) → `out` (columns, rows), strides as stored.
    @usableFromInline
    static func transpose<T: MatrixScalar>(
        _ a: UnsafePointer<T>, rows: Int, columns: Int, sourceStride: Int,
        into out: UnsafeMutablePointer<T>, outStride: Int
    ) {
        if T.self == Float.self {
            bp_transpose_f32(f32(a), rows, columns, sourceStride, f32(out), outStride)
        } else {
            bp_transpose_f64(f64(a), rows, columns, sourceStride, f64(out), outStride)
        }
    }

    /// The instruction set the kernels run on: `"avx512"`, `"avx2"` or `"portable"`.
    static var instructionSet: String { String(cString: bp_kernels_isa()) }
}
