/* AVX-512 GEMM micro-kernels: MR x 32 floats / MR x 16 doubles (two zmm registers per row),
 * MR = 1...14 chosen from M by the driver. 28 accumulators + 2 B registers; A is broadcast
 * from the packed panel, or from A where it is stored (ukr_SUF_zuMR, when a panel fits in L1:
 * BP_GEMM_A_IN_PLACE_BYTES). B is read in place (any row stride) or packed; a partial last panel
 * is handled with masked loads and stores, so no edge copies are needed. (Double reads B in
 * place only when the caller says B is in cache: for W1 . X, whose 20 MB B streams from memory,
 * packing measured faster, and reading in place from L2 faster again: 49 against 37 GFLOP/s.)
 *
 * Each kernel call first prefetches its tile's rows of C, so that they arrive while the FMAs run
 * rather than when the results are stored. It matters when C's rows are a multiple of 4 KB apart:
 * the 14 rows of a tile then fall in the same L1 sets, and each store waited for its line. A
 * gradient dW = dZ . A^T of a 1024-wide layer is such a C. One thread, float, 1024 x 1024 C,
 * best of 60 calls with caches evicted between them, without -> with the prefetch: k = 128
 * 1.37 -> 1.17 ms (a padded row of 1040 floats took 1.12); k = 256 2.61 -> 2.25 ms. A C that is
 * not 4 KB-aligned by row (1024 x 784) was unchanged (0.87 ms). The AVX2 kernels (6-row tiles)
 * showed no such loss (2.26 ms with or without padding), so they have no prefetch. */
#include "bp_internal.h"

#if BP_X86
#include <immintrin.h>
#include "transpose_avx512.h"

/* ROWS_FMA: x0[i] += a[OFF + i * ars] * b0 and x1[i] += a[OFF + i * ars] * b1 for every row i
 * of the tile (ars = 1 in a packed panel). */
#define ROWS_FMA(V, P, OFF)                                                                       \
    BP_UNROLL for (int i = 0; i < MR; i++) {                                                      \
        V ai = _mm512_set1_##P(a[(OFF) + i * ars]);                                               \
        x0[i] = _mm512_fmadd_##P(ai, b0, x0[i]);                                                  \
        x1[i] = _mm512_fmadd_##P(ai, b1, x1[i]);                                                  \
    }

/* The kernel for element type T (vector V, mask M of W lanes, all lanes FULL, intrinsic suffix
 * P: ps or pd), op(A)[i][p] at a[i * ars + p * aps]: the inner dimension two steps at a time, then the odd one, then
 * C = alpha * acc + beta * C through masked loads and stores. */
#define Z_KERNEL(T, SUF, V, M, W, FULL, P)                                                        \
    BP_INLINE BP_AVX512 void ukr_##SUF##_zg(const int MR, ptrdiff_t kc, const T *restrict a,       \
                                            ptrdiff_t ars, ptrdiff_t aps, const T *restrict b,     \
                                            ptrdiff_t rsb, T *restrict c, ptrdiff_t ldc, int mr,   \
                                            int nr, T alpha, T beta) {                             \
        V x0[14], x1[14];                                                                         \
        BP_UNROLL for (int i = 0; i < MR; i++) { x0[i] = _mm512_setzero_##P(); x1[i] = _mm512_setzero_##P(); } \
        const M k0 = nr >= W ? (M)FULL : (M)((1u << nr) - 1u);                                    \
        const M k1 = nr >= 2 * W ? (M)FULL : nr > W ? (M)((1u << (nr - W)) - 1u) : 0;             \
        /* the tile's rows of C fetched while the FMAs run (see the note above) */               \
        BP_UNROLL for (int i = 0; i < MR; i++) {                                                  \
            if (i < mr) {                                                                         \
                _mm_prefetch((const char *)(c + i * ldc), _MM_HINT_T0);                           \
                _mm_prefetch((const char *)(c + i * ldc + W), _MM_HINT_T0);                       \
                _mm_prefetch((const char *)(c + i * ldc + 2 * W - 1), _MM_HINT_T0);               \
            }                                                                                     \
        }                                                                                         \
        ptrdiff_t p = 0;                                                                          \
        for (; p + 2 <= kc; p += 2) {                                                             \
            V b0 = _mm512_maskz_loadu_##P(k0, b);                                                 \
            V b1 = _mm512_maskz_loadu_##P(k1, b + W);                                             \
            ROWS_FMA(V, P, 0)                                                                     \
            b0 = _mm512_maskz_loadu_##P(k0, b + rsb);                                             \
            b1 = _mm512_maskz_loadu_##P(k1, b + rsb + W);                                         \
            ROWS_FMA(V, P, aps)                                                                   \
            a += 2 * aps;                                                                         \
            b += 2 * rsb;                                                                         \
        }                                                                                         \
        for (; p < kc; p++) {                                                                     \
            const V b0 = _mm512_maskz_loadu_##P(k0, b);                                           \
            const V b1 = _mm512_maskz_loadu_##P(k1, b + W);                                       \
            ROWS_FMA(V, P, 0)                                                                     \
            a += aps;                                                                             \
            b += rsb;                                                                             \
        }                                                                                         \
        const V va = _mm512_set1_##P(alpha), vb = _mm512_set1_##P(beta);                         \
        BP_UNROLL for (int i = 0; i < MR; i++) {                                                  \
            if (i < mr) {                                                                         \
            T *ci = c + i * ldc;                                                                  \
            V r0 = _mm512_mul_##P(va, x0[i]), r1 = _mm512_mul_##P(va, x1[i]);                     \
            if (beta != 0) {                                                                      \
                r0 = _mm512_fmadd_##P(vb, _mm512_maskz_loadu_##P(k0, ci), r0);                    \
                r1 = _mm512_fmadd_##P(vb, _mm512_maskz_loadu_##P(k1, ci + W), r1);                \
            }                                                                                     \
            _mm512_mask_storeu_##P(ci, k0, r0);                                                   \
            _mm512_mask_storeu_##P(ci + W, k1, r1);                                               \
            }                                                                                     \
        }                                                                                         \
    }

Z_KERNEL(float, f32, __m512, __mmask16, 16, 0xFFFF, ps)
Z_KERNEL(double, f64, __m512d, __mmask8, 8, 0xFF, pd)

/* The packed kernel: A's MR values of a step contiguous, steps MR apart. */
#define Z_PACKED(T, SUF)                                                                          \
    BP_INLINE BP_AVX512 void ukr_##SUF##_z BP_UKR_PARAMETERS(T) {                                  \
        ukr_##SUF##_zg(MR, kc, a, 1, MR, b, rsb, c, ldc, mr, nr, alpha, beta);                     \
    }
Z_PACKED(float, f32)
Z_PACKED(double, f64)

/* The kernels reading op(A) in place: op(A)[i][p] at a[i * ars + p * aps]. */
#define Z_UNPACKED(T, SUF, MR)                                                                    \
    static BP_AVX512 void ukr_##SUF##_zu##MR BP_UKR_UA_PARAMETERS(T) {                             \
        ukr_##SUF##_zg(MR, kc, a, ars, aps, b, rsb, c, ldc, mr, nr, alpha, beta);                  \
    }
#define Z_UNPACKED_ALL(T, SUF)                                                                    \
    Z_UNPACKED(T, SUF, 1) Z_UNPACKED(T, SUF, 2) Z_UNPACKED(T, SUF, 3) Z_UNPACKED(T, SUF, 4)        \
    Z_UNPACKED(T, SUF, 5) Z_UNPACKED(T, SUF, 6) Z_UNPACKED(T, SUF, 7) Z_UNPACKED(T, SUF, 8)        \
    Z_UNPACKED(T, SUF, 9) Z_UNPACKED(T, SUF, 10) Z_UNPACKED(T, SUF, 11) Z_UNPACKED(T, SUF, 12)     \
    Z_UNPACKED(T, SUF, 13) Z_UNPACKED(T, SUF, 14)
Z_UNPACKED_ALL(float, f32)
Z_UNPACKED_ALL(double, f64)
#define ZU_TABLE(SUF)                                                                             \
    {0, ukr_##SUF##_zu1, ukr_##SUF##_zu2, ukr_##SUF##_zu3, ukr_##SUF##_zu4, ukr_##SUF##_zu5,      \
     ukr_##SUF##_zu6, ukr_##SUF##_zu7, ukr_##SUF##_zu8, ukr_##SUF##_zu9, ukr_##SUF##_zu10,        \
     ukr_##SUF##_zu11, ukr_##SUF##_zu12, ukr_##SUF##_zu13, ukr_##SUF##_zu14}

#define Z_ALL(T, SUF)                                                                             \
    BP_UKR_INSTANCES_1_TO_6(BP_AVX512, T, SUF, z)                                                 \
    BP_UKR_INSTANCE(BP_AVX512, T, SUF, z, 7) BP_UKR_INSTANCE(BP_AVX512, T, SUF, z, 8)             \
    BP_UKR_INSTANCE(BP_AVX512, T, SUF, z, 9) BP_UKR_INSTANCE(BP_AVX512, T, SUF, z, 10)            \
    BP_UKR_INSTANCE(BP_AVX512, T, SUF, z, 11) BP_UKR_INSTANCE(BP_AVX512, T, SUF, z, 12)           \
    BP_UKR_INSTANCE(BP_AVX512, T, SUF, z, 13) BP_UKR_INSTANCE(BP_AVX512, T, SUF, z, 14)
Z_ALL(float, f32)
Z_ALL(double, f64)

#define Z_TABLE(SUF)                                                                              \
    {0, ukr_##SUF##_z1, ukr_##SUF##_z2, ukr_##SUF##_z3, ukr_##SUF##_z4, ukr_##SUF##_z5,           \
     ukr_##SUF##_z6, ukr_##SUF##_z7, ukr_##SUF##_z8, ukr_##SUF##_z9, ukr_##SUF##_z10,             \
     ukr_##SUF##_z11, ukr_##SUF##_z12, ukr_##SUF##_z13, ukr_##SUF##_z14}

/* ---- transposing B packs (op(B) = B^T): 16 x 16 (float) / 8 x 8 (double) in-register transposes ---- */
/* Packs W x W blocks of B^T into NR-wide panels, one transposed tile each (bp_tile_SUF_z, W
 * lanes, mask type M), every lane written: rows past `cols` become the panel's zero padding. */
#define PACK_BT_Z(T, SUF, M, W)                                                                   \
    static BP_AVX512 void pack_bt_##SUF##_z(T *dst, const T *b, ptrdiff_t ldb, ptrdiff_t kc, int cols, int nr) { \
        for (int j0 = 0; j0 < nr; j0 += W) {                                                      \
            const int rows = cols - j0 >= W ? W : (cols > j0 ? cols - j0 : 0);                    \
            for (ptrdiff_t p = 0; p < kc; p += W) {                                               \
                const int w = kc - p < W ? (int)(kc - p) : W;                                     \
                bp_tile_##SUF##_z(b + j0 * ldb + p, ldb, rows, w, dst + p * nr + j0, nr, (M)~(M)0); \
            }                                                                                     \
        }                                                                                         \
    }
PACK_BT_Z(float, f32, __mmask16, 16)
PACK_BT_Z(double, f64, __mmask8, 8)

/* ---- A packs (pack_a_ in gemm_driver.h), float: one MR-tall panel ---- */
/* A as stored (W in W . A_prev): 16 x 16 blocks (rows x steps) transposed in registers, each
 * step's MR values written with one masked store. The rows are read 128 values ahead by
 * prefetches: their 16 strided streams waited on memory (W3's forward at batch 128, one
 * thread: the pack's share of a step fell from 9.3% to 5.7%; same values). */
static BP_AVX512 void pack_an_f32_z(float *dst, const float *a, ptrdiff_t lda, ptrdiff_t kc, int rows, int mr) {
    const __mmask16 out = mr >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << mr) - 1u);
    for (ptrdiff_t p = 0; p < kc; p += 16) {
        const int w = kc - p < 16 ? (int)(kc - p) : 16;
        for (int i = 0; i < rows; i++) _mm_prefetch((const char *)(a + i * lda + p + 128), _MM_HINT_T0);
        bp_tile_f32_z(a + p, lda, rows, w, dst + p * mr, mr, out);
    }
}

/* A transposed (W^T in W^T . dZ): each step's `rows` contiguous values, zero-padded to MR, one
 * masked load and one masked store. */
static BP_AVX512 void pack_at_f32_z(float *dst, const float *a, ptrdiff_t lda, ptrdiff_t kc, int rows, int mr) {
    const __mmask16 in = rows >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << rows) - 1u);
    const __mmask16 out = mr >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << mr) - 1u);
    for (ptrdiff_t p = 0; p < kc; p++) _mm512_mask_storeu_ps(dst + p * mr, out, _mm512_maskz_loadu_ps(in, a + p * lda));
}

const bp_gemm_family_f32 bp_family_f32_avx512 = {
    .nr = 32, .mr_max = 14, .kc = 384, .mc = 168, .nc = 3072, .kc_large = 1024, .mc_large = 112,
    .reads_unpacked_b = 1, .streams_unpacked_b = 1,
    .ukr = Z_TABLE(f32), .ukr_ua = ZU_TABLE(f32), .pack_bt = pack_bt_f32_z, .pack_an = pack_an_f32_z, .pack_at = pack_at_f32_z};
const bp_gemm_family_f64 bp_family_f64_avx512 = {
    .nr = 16, .mr_max = 14, .kc = 256, .mc = 112, .nc = 2048, .kc_large = 1024, .mc_large = 56,
    .reads_unpacked_b = 1, .streams_unpacked_b = 0,
    .ukr = Z_TABLE(f64), .ukr_ua = ZU_TABLE(f64), .pack_bt = pack_bt_f64_z};
#endif
