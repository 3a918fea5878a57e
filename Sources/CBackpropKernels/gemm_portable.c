/* Portable GEMM micro-kernels (plain C; the compiler vectorises them for the baseline of the
 * target: SSE2 on x86-64, NEON on arm64). MR <= 4 rows by NR = 8 columns, B always packed. */
#include "bp_internal.h"

#define PNR 8

#define PORTABLE_UKR(T, SUF)                                                                      \
    BP_INLINE void ukr_##SUF##_portable(const int MR, ptrdiff_t kc, const T *a, const T *b,       \
                                        ptrdiff_t rsb, T *c, ptrdiff_t ldc, int mr, int nr,       \
                                        T alpha, T beta) {                                        \
        T acc[4][PNR];                                                                            \
        BP_UNROLL for (int i = 0; i < MR; i++)                                                              \
            BP_UNROLL for (int j = 0; j < PNR; j++) acc[i][j] = 0;                                          \
        for (ptrdiff_t p = 0; p < kc; p++) {                                                      \
            BP_UNROLL for (int i = 0; i < MR; i++) {                                                        \
                const T ai = a[i];                                                                \
                BP_UNROLL for (int j = 0; j < PNR; j++) acc[i][j] += ai * b[j];                             \
            }                                                                                     \
            a += MR;                                                                              \
            b += rsb;                                                                             \
        }                                                                                         \
        for (int i = 0; i < mr; i++) {                                                            \
            T *ci = c + i * ldc;                                                                  \
            if (beta == 0) {                                                                      \
                for (int j = 0; j < nr; j++) ci[j] = alpha * acc[i][j];                           \
            } else {                                                                              \
                for (int j = 0; j < nr; j++) ci[j] = alpha * acc[i][j] + beta * ci[j];            \
            }                                                                                     \
        }                                                                                         \
    }                                                                                             \
    BP_UKR_INSTANCE(, T, SUF, portable, 1) BP_UKR_INSTANCE(, T, SUF, portable, 2)                \
    BP_UKR_INSTANCE(, T, SUF, portable, 3) BP_UKR_INSTANCE(, T, SUF, portable, 4)

PORTABLE_UKR(float, f32)
PORTABLE_UKR(double, f64)

const bp_gemm_family_f32 bp_family_f32_portable = {
    .nr = PNR, .mr_max = 4, .kc = 256, .mc = 128, .nc = 2048, .reads_unpacked_b = 0,
    .ukr = {0, ukr_f32_portable1, ukr_f32_portable2, ukr_f32_portable3, ukr_f32_portable4}};
const bp_gemm_family_f64 bp_family_f64_portable = {
    .nr = PNR, .mr_max = 4, .kc = 256, .mc = 128, .nc = 2048, .reads_unpacked_b = 0,
    .ukr = {0, ukr_f64_portable1, ukr_f64_portable2, ukr_f64_portable3, ukr_f64_portable4}};
