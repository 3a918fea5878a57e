/* In-register transposes of 16 x 16 floats and 8 x 8 doubles (AVX-512), and the tile copy built
 * on them, for the GEMM's transposing packs (gemm_avx512.c) and the matrix transpose
 * (transpose.c). Included only inside #if BP_X86, after <immintrin.h>. In transpose16_f32 and
 * transpose8_f64, r[i] holds row i on entry and column i on return. */
#ifndef BP_TRANSPOSE_AVX512_H
#define BP_TRANSPOSE_AVX512_H

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

/* One W x W tile, transposed: rows i < h of a (row stride lda), their first w values (the rest
 * read as zeros), written as columns q < w at out + q * ldo, each in the lanes of `keep` (the
 * caller's choice: the h real lanes for a transpose, all lanes or a panel's MR for a zero-padded
 * pack). */
#define BP_TILE_Z(T, SUF, V, M, W, P, TRANSPOSE)                                                  \
    BP_INLINE BP_AVX512 void bp_tile_##SUF##_z(const T *a, ptrdiff_t lda, int h, int w, T *out,   \
                                               ptrdiff_t ldo, M keep) {                           \
        const M in = w >= W ? (M)~(M)0 : (M)((1u << w) - 1u);                                    \
        V r[W];                                                                                   \
        for (int i = 0; i < W; i++) r[i] = i < h ? _mm512_maskz_loadu_##P(in, a + i * lda) : _mm512_setzero_##P(); \
        TRANSPOSE(r);                                                                             \
        for (int q = 0; q < w; q++) _mm512_mask_storeu_##P(out + q * ldo, keep, r[q]);            \
    }
BP_TILE_Z(float, f32, __m512, __mmask16, 16, ps, transpose16_f32)
BP_TILE_Z(double, f64, __m512d, __mmask8, 8, pd, transpose8_f64)

#endif
