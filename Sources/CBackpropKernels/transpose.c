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

/* Tile by tile; only the h real lanes of each output column are written. */
#define TRANSPOSE_Z(T, SUF, M, W)                                                                 \
    static BP_AVX512 void transpose_##SUF##_z(const T *a, ptrdiff_t rows, ptrdiff_t cols,        \
                                              ptrdiff_t lda, T *out, ptrdiff_t ldo) {            \
        for (ptrdiff_t r0 = 0; r0 < rows; r0 += W) {                                              \
            const int h = rows - r0 < W ? (int)(rows - r0) : W;                                   \
            const M keep = h == W ? (M)~(M)0 : (M)((1u << h) - 1u);                               \
            for (ptrdiff_t c0 = 0; c0 < cols; c0 += W) {                                          \
                const int w = cols - c0 < W ? (int)(cols - c0) : W;                               \
                bp_tile_##SUF##_z(a + r0 * lda + c0, lda, h, w, out + c0 * ldo + r0, ldo, keep);  \
            }                                                                                     \
        }                                                                                         \
    }
TRANSPOSE_Z(float, f32, __mmask16, 16)
TRANSPOSE_Z(double, f64, __mmask8, 8)
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
