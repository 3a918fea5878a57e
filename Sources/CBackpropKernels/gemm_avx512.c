/* AVX-512 GEMM micro-kernels: MR x 32 floats / MR x 16 doubles (two zmm registers per row),
 * MR = 1...14 chosen from M by the driver. 28 accumulators + 2 B registers; A is broadcast
 * from the packed panel. B is read in place (any row stride) or packed; a partial last panel
 * is handled with masked loads and stores, so no edge copies are needed. (Double reads B in
 * place only when the caller says B is in cache: for W1 . X, whose 20 MB B streams from memory,
 * packing measured faster, and reading in place from L2 faster again: 49 against 37 GFLOP/s.) */
#include "bp_internal.h"

#if BP_X86
#include <immintrin.h>

BP_INLINE BP_AVX512 void ukr_f32_z(const int MR, ptrdiff_t kc, const float *restrict a,
                                   const float *restrict b, ptrdiff_t rsb, float *restrict c,
                                   ptrdiff_t ldc, int mr, int nr, float alpha, float beta) {
    __m512 x0[14], x1[14];
    BP_UNROLL for (int i = 0; i < MR; i++) { x0[i] = _mm512_setzero_ps(); x1[i] = _mm512_setzero_ps(); }
    const __mmask16 k0 = nr >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << nr) - 1u);
    const __mmask16 k1 = nr >= 32 ? (__mmask16)0xFFFF : nr > 16 ? (__mmask16)((1u << (nr - 16)) - 1u) : 0;
    ptrdiff_t p = 0;
    for (; p + 2 <= kc; p += 2) {
        __m512 b0 = _mm512_maskz_loadu_ps(k0, b);
        __m512 b1 = _mm512_maskz_loadu_ps(k1, b + 16);
        BP_UNROLL for (int i = 0; i < MR; i++) {
            __m512 ai = _mm512_set1_ps(a[i]);
            x0[i] = _mm512_fmadd_ps(ai, b0, x0[i]);
            x1[i] = _mm512_fmadd_ps(ai, b1, x1[i]);
        }
        b0 = _mm512_maskz_loadu_ps(k0, b + rsb);
        b1 = _mm512_maskz_loadu_ps(k1, b + rsb + 16);
        BP_UNROLL for (int i = 0; i < MR; i++) {
            __m512 ai = _mm512_set1_ps(a[MR + i]);
            x0[i] = _mm512_fmadd_ps(ai, b0, x0[i]);
            x1[i] = _mm512_fmadd_ps(ai, b1, x1[i]);
        }
        a += 2 * MR;
        b += 2 * rsb;
    }
    for (; p < kc; p++) {
        const __m512 b0 = _mm512_maskz_loadu_ps(k0, b);
        const __m512 b1 = _mm512_maskz_loadu_ps(k1, b + 16);
        BP_UNROLL for (int i = 0; i < MR; i++) {
            __m512 ai = _mm512_set1_ps(a[i]);
            x0[i] = _mm512_fmadd_ps(ai, b0, x0[i]);
            x1[i] = _mm512_fmadd_ps(ai, b1, x1[i]);
        }
        a += MR;
        b += rsb;
    }
    const __m512 va = _mm512_set1_ps(alpha), vb = _mm512_set1_ps(beta);
    BP_UNROLL for (int i = 0; i < MR; i++) {
        if (i < mr) {
        float *ci = c + i * ldc;
        __m512 r0 = _mm512_mul_ps(va, x0[i]), r1 = _mm512_mul_ps(va, x1[i]);
        if (beta != 0) {
            r0 = _mm512_fmadd_ps(vb, _mm512_maskz_loadu_ps(k0, ci), r0);
            r1 = _mm512_fmadd_ps(vb, _mm512_maskz_loadu_ps(k1, ci + 16), r1);
        }
        _mm512_mask_storeu_ps(ci, k0, r0);
        _mm512_mask_storeu_ps(ci + 16, k1, r1);
        }
    }
}

BP_INLINE BP_AVX512 void ukr_f64_z(const int MR, ptrdiff_t kc, const double *restrict a,
                                   const double *restrict b, ptrdiff_t rsb, double *restrict c,
                                   ptrdiff_t ldc, int mr, int nr, double alpha, double beta) {
    __m512d x0[14], x1[14];
    BP_UNROLL for (int i = 0; i < MR; i++) { x0[i] = _mm512_setzero_pd(); x1[i] = _mm512_setzero_pd(); }
    const __mmask8 k0 = nr >= 8 ? (__mmask8)0xFF : (__mmask8)((1u << nr) - 1u);
    const __mmask8 k1 = nr >= 16 ? (__mmask8)0xFF : nr > 8 ? (__mmask8)((1u << (nr - 8)) - 1u) : 0;
    ptrdiff_t p = 0;
    for (; p + 2 <= kc; p += 2) {
        __m512d b0 = _mm512_maskz_loadu_pd(k0, b);
        __m512d b1 = _mm512_maskz_loadu_pd(k1, b + 8);
        BP_UNROLL for (int i = 0; i < MR; i++) {
            __m512d ai = _mm512_set1_pd(a[i]);
            x0[i] = _mm512_fmadd_pd(ai, b0, x0[i]);
            x1[i] = _mm512_fmadd_pd(ai, b1, x1[i]);
        }
        b0 = _mm512_maskz_loadu_pd(k0, b + rsb);
        b1 = _mm512_maskz_loadu_pd(k1, b + rsb + 8);
        BP_UNROLL for (int i = 0; i < MR; i++) {
            __m512d ai = _mm512_set1_pd(a[MR + i]);
            x0[i] = _mm512_fmadd_pd(ai, b0, x0[i]);
            x1[i] = _mm512_fmadd_pd(ai, b1, x1[i]);
        }
        a += 2 * MR;
        b += 2 * rsb;
    }
    for (; p < kc; p++) {
        const __m512d b0 = _mm512_maskz_loadu_pd(k0, b);
        const __m512d b1 = _mm512_maskz_loadu_pd(k1, b + 8);
        BP_UNROLL for (int i = 0; i < MR; i++) {
            __m512d ai = _mm512_set1_pd(a[i]);
            x0[i] = _mm512_fmadd_pd(ai, b0, x0[i]);
            x1[i] = _mm512_fmadd_pd(ai, b1, x1[i]);
        }
        a += MR;
        b += rsb;
    }
    const __m512d va = _mm512_set1_pd(alpha), vb = _mm512_set1_pd(beta);
    BP_UNROLL for (int i = 0; i < MR; i++) {
        if (i < mr) {
        double *ci = c + i * ldc;
        __m512d r0 = _mm512_mul_pd(va, x0[i]), r1 = _mm512_mul_pd(va, x1[i]);
        if (beta != 0) {
            r0 = _mm512_fmadd_pd(vb, _mm512_maskz_loadu_pd(k0, ci), r0);
            r1 = _mm512_fmadd_pd(vb, _mm512_maskz_loadu_pd(k1, ci + 8), r1);
        }
        _mm512_mask_storeu_pd(ci, k0, r0);
        _mm512_mask_storeu_pd(ci + 8, k1, r1);
        }
    }
}

#define Z_INSTANCES(T, SUF, MR)                                                                   \
    static BP_AVX512 void ukr_##SUF##_z##MR(ptrdiff_t kc, const T *a, const T *b, ptrdiff_t rsb,  \
                                            T *c, ptrdiff_t ldc, int mr, int nr, T alpha, T beta) { \
        ukr_##SUF##_z(MR, kc, a, b, rsb, c, ldc, mr, nr, alpha, beta);                            \
    }
#define Z_ALL(T, SUF)                                                                             \
    Z_INSTANCES(T, SUF, 1) Z_INSTANCES(T, SUF, 2) Z_INSTANCES(T, SUF, 3) Z_INSTANCES(T, SUF, 4)   \
    Z_INSTANCES(T, SUF, 5) Z_INSTANCES(T, SUF, 6) Z_INSTANCES(T, SUF, 7) Z_INSTANCES(T, SUF, 8)   \
    Z_INSTANCES(T, SUF, 9) Z_INSTANCES(T, SUF, 10) Z_INSTANCES(T, SUF, 11)                        \
    Z_INSTANCES(T, SUF, 12) Z_INSTANCES(T, SUF, 13) Z_INSTANCES(T, SUF, 14)
Z_ALL(float, f32)
Z_ALL(double, f64)

#define Z_TABLE(SUF)                                                                              \
    {0, ukr_##SUF##_z1, ukr_##SUF##_z2, ukr_##SUF##_z3, ukr_##SUF##_z4, ukr_##SUF##_z5,           \
     ukr_##SUF##_z6, ukr_##SUF##_z7, ukr_##SUF##_z8, ukr_##SUF##_z9, ukr_##SUF##_z10,             \
     ukr_##SUF##_z11, ukr_##SUF##_z12, ukr_##SUF##_z13, ukr_##SUF##_z14}

/* ---- transposing B packs (op(B) = B^T): 16 x 16 (float) / 8 x 8 (double) in-register transposes ---- */
BP_INLINE BP_AVX512 void transpose16_f32(__m512 r[16]) {
    __m512 t[16];
    for (int i = 0; i < 8; i++) {
        t[2 * i] = _mm512_unpacklo_ps(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    for (int i = 0; i < 4; i++) {
        const __m512d a = _mm512_castps_pd(t[4 * i]), b = _mm512_castps_pd(t[4 * i + 1]);
        const __m512d c = _mm512_castps_pd(t[4 * i + 2]), d = _mm512_castps_pd(t[4 * i + 3]);
        r[4 * i] = _mm512_castpd_ps(_mm512_unpacklo_pd(a, c));
        r[4 * i + 1] = _mm512_castpd_ps(_mm512_unpackhi_pd(a, c));
        r[4 * i + 2] = _mm512_castpd_ps(_mm512_unpacklo_pd(b, d));
        r[4 * i + 3] = _mm512_castpd_ps(_mm512_unpackhi_pd(b, d));
    }
    for (int i = 0; i < 2; i++)
        for (int c = 0; c < 4; c++) {
            t[8 * i + c] = _mm512_shuffle_f32x4(r[8 * i + c], r[8 * i + 4 + c], 0x88);
            t[8 * i + 4 + c] = _mm512_shuffle_f32x4(r[8 * i + c], r[8 * i + 4 + c], 0xDD);
        }
    for (int c = 0; c < 8; c++) {
        r[c] = _mm512_shuffle_f32x4(t[c], t[8 + c], 0x88);
        r[8 + c] = _mm512_shuffle_f32x4(t[c], t[8 + c], 0xDD);
    }
}

static BP_AVX512 void pack_bt_f32_z(float *dst, const float *b, ptrdiff_t ldb, ptrdiff_t kc, int cols, int nr) {
    for (int j0 = 0; j0 < nr; j0 += 16) {
        const int rows = cols - j0 >= 16 ? 16 : (cols > j0 ? cols - j0 : 0);
        for (ptrdiff_t p = 0; p < kc; p += 16) {
            const int w = kc - p < 16 ? (int)(kc - p) : 16;
            const __mmask16 k = w == 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << w) - 1u);
            __m512 r[16];
            for (int i = 0; i < 16; i++)
                r[i] = i < rows ? _mm512_maskz_loadu_ps(k, b + (j0 + i) * ldb + p) : _mm512_setzero_ps();
            transpose16_f32(r);
            for (int q = 0; q < w; q++) _mm512_storeu_ps(dst + (p + q) * nr + j0, r[q]);
        }
    }
}

BP_INLINE BP_AVX512 void transpose8_f64(__m512d r[8]) {
    __m512d t[8];
    for (int i = 0; i < 4; i++) {
        t[2 * i] = _mm512_unpacklo_pd(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_pd(r[2 * i], r[2 * i + 1]);
    }
    for (int i = 0; i < 2; i++)
        for (int c = 0; c < 2; c++) {
            r[4 * i + c] = _mm512_shuffle_f64x2(t[4 * i + c], t[4 * i + 2 + c], 0x88);
            r[4 * i + 2 + c] = _mm512_shuffle_f64x2(t[4 * i + c], t[4 * i + 2 + c], 0xDD);
        }
    for (int c = 0; c < 4; c++) {
        t[c] = _mm512_shuffle_f64x2(r[c], r[4 + c], 0x88);
        t[4 + c] = _mm512_shuffle_f64x2(r[c], r[4 + c], 0xDD);
    }
    for (int c = 0; c < 8; c++) r[c] = t[c];
}

static BP_AVX512 void pack_bt_f64_z(double *dst, const double *b, ptrdiff_t ldb, ptrdiff_t kc, int cols, int nr) {
    for (int j0 = 0; j0 < nr; j0 += 8) {
        const int rows = cols - j0 >= 8 ? 8 : (cols > j0 ? cols - j0 : 0);
        for (ptrdiff_t p = 0; p < kc; p += 8) {
            const int w = kc - p < 8 ? (int)(kc - p) : 8;
            const __mmask8 k = (__mmask8)((1u << w) - 1u);
            __m512d r[8];
            for (int i = 0; i < 8; i++)
                r[i] = i < rows ? _mm512_maskz_loadu_pd(k, b + (j0 + i) * ldb + p) : _mm512_setzero_pd();
            transpose8_f64(r);
            for (int q = 0; q < w; q++) _mm512_storeu_pd(dst + (p + q) * nr + j0, r[q]);
        }
    }
}

const bp_gemm_family_f32 bp_family_f32_avx512 = {
    .nr = 32, .mr_max = 14, .kc = 384, .mc = 168, .nc = 3072, .kc_large = 1024, .mc_large = 112,
    .reads_unpacked_b = 1, .streams_unpacked_b = 1,
    .ukr = Z_TABLE(f32), .pack_bt = pack_bt_f32_z};
const bp_gemm_family_f64 bp_family_f64_avx512 = {
    .nr = 16, .mr_max = 14, .kc = 256, .mc = 112, .nc = 2048, .kc_large = 1024, .mc_large = 56,
    .reads_unpacked_b = 1, .streams_unpacked_b = 0,
    .ukr = Z_TABLE(f64), .pack_bt = pack_bt_f64_z};
#endif
