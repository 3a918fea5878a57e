/* Matrix transpose: out[c * ldo + r] = a[r * lda + c] for r < rows, c < cols (row-major).
 * AVX-512: 16 x 16 float / 8 x 8 double tiles, each read as W rows (masked at the right edge),
 * transposed in registers and written as W columns (masked at the bottom edge), so every load
 * and store moves up to a whole cache line; the portable version walks 32 x 32 blocks. The
 * reference is ReferenceKernels.transpose in Swift. */
#include "backprop_kernels.h"
#include "bp_internal.h"

#define PORTABLE_TRANSPOSE(T, SUF)                                                                \
    static void transpose_##SUF##_portable(const T *a, ptrdiff_t rows, ptrdiff_t cols,          \
                                           ptrdiff_t lda, T *out, ptrdiff_t ldo) {              \
        for (ptrdiff_t r0 = 0; r0 < rows; r0 += 32)                                               \
            for (ptrdiff_t c0 = 0; c0 < cols; c0 += 32) {                                         \
                const ptrdiff_t r1 = r0 + 32 < rows ? r0 + 32 : rows;                             \
                const ptrdiff_t c1 = c0 + 32 < cols ? c0 + 32 : cols;                             \
                for (ptrdiff_t r = r0; r < r1; r++)                                               \
                    for (ptrdiff_t c = c0; c < c1; c++) out[c * ldo + r] = a[r * lda + c];        \
            }                                                                                     \
    }
PORTABLE_TRANSPOSE(float, f32)
PORTABLE_TRANSPOSE(double, f64)

#if BP_X86
#include <immintrin.h>
#include "transpose_avx512.h"

/* One W x W tile at a (rows h <= W, columns w <= W) into out: rows past h read as zeros, and
 * only the first h lanes of the first w columns are written. */
#define TILE_Z(T, SUF, V, M, W, P, TRANSPOSE)                                                     \
    BP_INLINE BP_AVX512 void tile_##SUF##_z(const T *a, ptrdiff_t lda, int h, int w, T *out,      \
                                            ptrdiff_t ldo) {                                      \
        const M in = w == W ? (M)~(M)0 : (M)((1u << w) - 1u);                                    \
        const M keep = h == W ? (M)~(M)0 : (M)((1u << h) - 1u);                                  \
        V r[W];                                                                                   \
        for (int i = 0; i < W; i++) r[i] = i < h ? _mm512_maskz_loadu_##P(in, a + i * lda) : _mm512_setzero_##P(); \
        TRANSPOSE(r);                                                                             \
        for (int q = 0; q < w; q++) _mm512_mask_storeu_##P(out + q * ldo, keep, r[q]);             \
    }                                                                                             \
    static BP_AVX512 void transpose_##SUF##_z(const T *a, ptrdiff_t rows, ptrdiff_t cols,        \
                                              ptrdiff_t lda, T *out, ptrdiff_t ldo) {            \
        for (ptrdiff_t r0 = 0; r0 < rows; r0 += W) {                                              \
            const int h = rows - r0 < W ? (int)(rows - r0) : W;                                   \
            for (ptrdiff_t c0 = 0; c0 < cols; c0 += W) {                                          \
                const int w = cols - c0 < W ? (int)(cols - c0) : W;                               \
                tile_##SUF##_z(a + r0 * lda + c0, lda, h, w, out + c0 * ldo + r0, ldo);           \
            }                                                                                     \
        }                                                                                         \
    }
TILE_Z(float, f32, __m512, __mmask16, 16, ps, transpose16_f32)
TILE_Z(double, f64, __m512d, __mmask8, 8, pd, transpose8_f64)
#endif

void bp_transpose_f32(const float *a, ptrdiff_t rows, ptrdiff_t cols, ptrdiff_t lda, float *out, ptrdiff_t ldo) {
#if BP_X86
    if (bp_isa() == BP_ISA_AVX512) { transpose_f32_z(a, rows, cols, lda, out, ldo); return; }
#endif
    transpose_f32_portable(a, rows, cols, lda, out, ldo);
}

void bp_transpose_f64(const double *a, ptrdiff_t rows, ptrdiff_t cols, ptrdiff_t lda, double *out, ptrdiff_t ldo) {
#if BP_X86
    if (bp_isa() == BP_ISA_AVX512) { transpose_f64_z(a, rows, cols, lda, out, ldo); return; }
#endif
    transpose_f64_portable(a, rows, cols, lda, out, ldo);
}
