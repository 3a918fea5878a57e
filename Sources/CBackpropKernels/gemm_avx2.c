/* AVX2 + FMA GEMM micro-kernels: MR x 16 floats / MR x 8 doubles (two ymm registers per row),
 * MR = 1...6. 12 accumulators + 2 B registers + 1 broadcast. B is always packed (zero-padded),
 * so loads are full; a partial tile is stored through a small buffer. */
#include "bp_internal.h"

#if BP_X86
#include <immintrin.h>

#define Y_KERNEL(T, SUF, V, W, SET1, FMADD, MUL, LOAD, STORE, ZERO, SFMA)                            \
    BP_INLINE BP_AVX2 void ukr_##SUF##_y BP_UKR_PARAMETERS(T) {                                    \
        V x0[6], x1[6];                                                                           \
        BP_UNROLL for (int i = 0; i < MR; i++) { x0[i] = ZERO(); x1[i] = ZERO(); }                          \
        for (ptrdiff_t p = 0; p < kc; p++) {                                                      \
            const V b0 = LOAD(b), b1 = LOAD(b + W);                                               \
            BP_UNROLL for (int i = 0; i < MR; i++) {                                                        \
                const V ai = SET1(a[i]);                                                          \
                x0[i] = FMADD(ai, b0, x0[i]);                                                     \
                x1[i] = FMADD(ai, b1, x1[i]);                                                     \
            }                                                                                     \
            a += MR;                                                                              \
            b += rsb;                                                                             \
        }                                                                                         \
        const V va = SET1(alpha), vb = SET1(beta);                                                \
        T tile[2 * W] __attribute__((aligned(32)));                                               \
        BP_UNROLL for (int i = 0; i < MR; i++) {                                                            \
            if (i < mr) {                                                                   \
            T *ci = c + i * ldc;                                                                  \
            V r0 = MUL(va, x0[i]), r1 = MUL(va, x1[i]);                                           \
            if (nr == 2 * W) {                                                                    \
                if (beta != 0) { r0 = FMADD(vb, LOAD(ci), r0); r1 = FMADD(vb, LOAD(ci + W), r1); } \
                STORE(ci, r0);                                                                    \
                STORE(ci + W, r1);                                                                \
            } else {                                                                              \
                STORE(tile, r0);                                                                  \
                STORE(tile + W, r1);                                                              \
                for (int j = 0; j < nr; j++) {                                                    \
                    /* same operation as the vector path: fma(beta, c, alpha * acc) */            \
                    ci[j] = beta != 0 ? SFMA(beta, ci[j], tile[j]) : tile[j];    \
                }                                                                                 \
            }                                                                                     \
            }                                                                                     \
        }                                                                                         \
    }

Y_KERNEL(float, f32, __m256, 8, _mm256_set1_ps, _mm256_fmadd_ps, _mm256_mul_ps, _mm256_loadu_ps,
         _mm256_storeu_ps, _mm256_setzero_ps, __builtin_fmaf)
Y_KERNEL(double, f64, __m256d, 4, _mm256_set1_pd, _mm256_fmadd_pd, _mm256_mul_pd, _mm256_loadu_pd,
         _mm256_storeu_pd, _mm256_setzero_pd, __builtin_fma)

BP_UKR_INSTANCES_1_TO_6(BP_AVX2, float, f32, y)
BP_UKR_INSTANCES_1_TO_6(BP_AVX2, double, f64, y)

#define Y_TABLE(SUF)                                                                              \
    {0, ukr_##SUF##_y1, ukr_##SUF##_y2, ukr_##SUF##_y3, ukr_##SUF##_y4, ukr_##SUF##_y5, ukr_##SUF##_y6}

const bp_gemm_family_f32 bp_family_f32_avx2 = {
    .nr = 16, .mr_max = 6, .kc = 256, .mc = 144, .nc = 3072, .reads_unpacked_b = 0,
    .ukr = Y_TABLE(f32)};
const bp_gemm_family_f64 bp_family_f64_avx2 = {
    .nr = 8, .mr_max = 6, .kc = 256, .mc = 96, .nc = 2048, .reads_unpacked_b = 0,
    .ukr = Y_TABLE(f64)};
#endif
