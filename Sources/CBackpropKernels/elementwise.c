/* Element-wise kernels: activations, their backward forms, fused bias + activation, sums.
 *
 * Double precision uses the C library's exp, log and tanh (glibc: within 1 ulp), so results
 * match NumPy float64 computed with the same formulas. Single precision uses a SIMD polynomial
 * exp on AVX-512 / AVX2 (Cephes' degree-6 polynomial with the Cody-Waite reduction; at most
 * 2 ulp from the correctly rounded result for normal results, as the tests check) and the C
 * library elsewhere. Large arrays are split between threads; each element is computed the
 * same way wherever it falls, so the split never changes a bit. */
#include "backprop_kernels.h"
#include "bp_internal.h"

#include <math.h>

#if BP_X86
#include <immintrin.h>
#endif

/* Arrays below this many elements stay on one thread. */
#define BP_ELEMENTWISE_PARALLEL (1 << 17)

/* ---- scalar definitions (the reference the vector paths follow) ---- */

static inline float sigmoid_f32(float x) { return 1.0f / (1.0f + expf(-x)); }
static inline double sigmoid_f64(double x) { return 1.0 / (1.0 + exp(-x)); }

#define SCALAR_MAP(T, SUF, EXP, LOG, TANH, SIGMOID)                                               \
    static void map_scalar_##SUF(int op, const T *x, T *y, ptrdiff_t n) {                         \
        switch (op) {                                                                             \
        case BP_SIGMOID: for (ptrdiff_t i = 0; i < n; i++) y[i] = SIGMOID(x[i]); break;            \
        case BP_RELU: for (ptrdiff_t i = 0; i < n; i++) y[i] = x[i] < 0 ? (T)0 : x[i]; break;      \
        case BP_TANH: for (ptrdiff_t i = 0; i < n; i++) y[i] = TANH(x[i]); break;                  \
        case BP_EXP: for (ptrdiff_t i = 0; i < n; i++) y[i] = EXP(x[i]); break;                    \
        case BP_LOG: for (ptrdiff_t i = 0; i < n; i++) y[i] = LOG(x[i]); break;                    \
        default: if (y != x) for (ptrdiff_t i = 0; i < n; i++) y[i] = x[i]; break;                 \
        }                                                                                         \
    }                                                                                             \
    static void backward_scalar_##SUF(int op, const T *da, const T *z, T *dz, ptrdiff_t n) {      \
        switch (op) {                                                                             \
        case BP_SIGMOID:                                                                          \
            for (ptrdiff_t i = 0; i < n; i++) { T s = SIGMOID(z[i]); dz[i] = da[i] * s * (1 - s); } \
            break;                                                                                \
        case BP_RELU: /* the course: dZ = dA; dZ[Z <= 0] = 0 */                                   \
            for (ptrdiff_t i = 0; i < n; i++) dz[i] = z[i] <= 0 ? (T)0 : da[i];                    \
            break;                                                                                \
        case BP_TANH:                                                                             \
            for (ptrdiff_t i = 0; i < n; i++) { T t = TANH(z[i]); dz[i] = da[i] * (1 - t * t); }   \
            break;                                                                                \
        default: if (dz != da) for (ptrdiff_t i = 0; i < n; i++) dz[i] = da[i]; break;             \
        }                                                                                         \
    }
SCALAR_MAP(float, f32, expf, logf, tanhf, sigmoid_f32)
SCALAR_MAP(double, f64, exp, log, tanh, sigmoid_f64)

/* ---- single-precision SIMD exp ---- */
#define EXP_HI 89.0f
#define EXP_LO -104.0f
#define LOG2E 1.44269504088896341f
#define LN2_HI 0.693359375f
#define LN2_LO -2.12194440e-4f
#define P0 1.9875691500e-4f
#define P1 1.3981999507e-3f
#define P2 8.3334519073e-3f
#define P3 4.1665795894e-2f
#define P4 1.6666665459e-1f
#define P5 5.0000001201e-1f

#if BP_X86
/* The part of exp shared by exp_z and exp_y, for the intrinsics of prefix PX (_mm512, _mm256)
 * on vector type V: clamps x, reduces it to n = round(x log2 e) and r = x - n ln 2 (ln 2 in two
 * parts), and declares n and p = e^r by the polynomial; the caller scales p by 2^n. ROUND
 * rounds to the nearest integer (roundscale on AVX-512, round on AVX2). */
#define EXP_REDUCE(V, PX, ROUND, x, n, p)                                                         \
    V xc = PX##_min_ps(PX##_set1_ps(EXP_HI), PX##_max_ps(PX##_set1_ps(EXP_LO), x));               \
    V n = ROUND(PX##_mul_ps(xc, PX##_set1_ps(LOG2E)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); \
    V r = PX##_fnmadd_ps(n, PX##_set1_ps(LN2_HI), xc);                                            \
    r = PX##_fnmadd_ps(n, PX##_set1_ps(LN2_LO), r);                                               \
    V p = PX##_set1_ps(P0);                                                                       \
    p = PX##_fmadd_ps(p, r, PX##_set1_ps(P1));                                                    \
    p = PX##_fmadd_ps(p, r, PX##_set1_ps(P2));                                                    \
    p = PX##_fmadd_ps(p, r, PX##_set1_ps(P3));                                                    \
    p = PX##_fmadd_ps(p, r, PX##_set1_ps(P4));                                                    \
    p = PX##_fmadd_ps(p, r, PX##_set1_ps(P5));                                                    \
    V r2 = PX##_mul_ps(r, r);                                                                     \
    p = PX##_fmadd_ps(p, r2, PX##_add_ps(r, PX##_set1_ps(1.0f)));

BP_INLINE BP_AVX512 __m512 exp_z(__m512 x) {
    EXP_REDUCE(__m512, _mm512, _mm512_roundscale_ps, x, n, p)
    __m512 y = _mm512_scalef_ps(p, n);
    return _mm512_mask_add_ps(y, _mm512_cmp_ps_mask(x, x, _CMP_UNORD_Q), x, x); /* NaN in, NaN out */
}

BP_INLINE BP_AVX2 __m256 exp_y(__m256 x) {
    EXP_REDUCE(__m256, _mm256, _mm256_round_ps, x, n, p)
    /* 2^n as two normal powers of two (n in [-150, 129]): overflow gives inf, underflow rounds */
    __m256i ni = _mm256_cvtps_epi32(n);
    __m256i h = _mm256_srai_epi32(ni, 1);
    __m256i bias = _mm256_set1_epi32(127);
    __m256 s1 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(h, bias), 23));
    __m256 s2 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(_mm256_sub_epi32(ni, h), bias), 23));
    __m256 y = _mm256_mul_ps(_mm256_mul_ps(p, s1), s2);
    __m256 nan = _mm256_cmp_ps(x, x, _CMP_UNORD_Q);
    return _mm256_blendv_ps(y, _mm256_add_ps(x, x), nan);
}

static BP_AVX512 void map_z_f32(int op, const float *x, float *y, ptrdiff_t n) {
    const __m512 one = _mm512_set1_ps(1.0f), zero = _mm512_setzero_ps();
    ptrdiff_t i = 0;
    for (; i < n; i += 16) {
        const __mmask16 k = n - i >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (n - i)) - 1u);
        __m512 v = _mm512_maskz_loadu_ps(k, x + i), r;
        switch (op) {
        case BP_SIGMOID: r = _mm512_div_ps(one, _mm512_add_ps(one, exp_z(_mm512_sub_ps(zero, v)))); break;
        case BP_EXP: r = exp_z(v); break;
        default: /* relu; keeps NaN */
            r = _mm512_mask_mov_ps(v, _mm512_cmp_ps_mask(v, zero, _CMP_LT_OQ), zero);
            break;
        }
        _mm512_mask_storeu_ps(y + i, k, r);
    }
}

static BP_AVX512 void backward_z_f32(int op, const float *da, const float *z, float *dz, ptrdiff_t n) {
    const __m512 one = _mm512_set1_ps(1.0f), zero = _mm512_setzero_ps();
    for (ptrdiff_t i = 0; i < n; i += 16) {
        const __mmask16 k = n - i >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (n - i)) - 1u);
        __m512 vz = _mm512_maskz_loadu_ps(k, z + i), vd = _mm512_maskz_loadu_ps(k, da + i), r;
        if (op == BP_SIGMOID) {
            __m512 s = _mm512_div_ps(one, _mm512_add_ps(one, exp_z(_mm512_sub_ps(zero, vz))));
            r = _mm512_mul_ps(_mm512_mul_ps(vd, s), _mm512_sub_ps(one, s));
        } else { /* relu */
            r = _mm512_mask_mov_ps(vd, _mm512_cmp_ps_mask(vz, zero, _CMP_LE_OQ), zero);
        }
        _mm512_mask_storeu_ps(dz + i, k, r);
    }
}

static BP_AVX2 void map_y_f32(int op, const float *x, float *y, ptrdiff_t n) {
    const __m256 one = _mm256_set1_ps(1.0f), zero = _mm256_setzero_ps();
    ptrdiff_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 v = _mm256_loadu_ps(x + i), r;
        if (op == BP_SIGMOID) r = _mm256_div_ps(one, _mm256_add_ps(one, exp_y(_mm256_sub_ps(zero, v))));
        else r = exp_y(v);
        _mm256_storeu_ps(y + i, r);
    }
    if (i < n) { /* the tail through a buffer, same arithmetic */
        float in[8] = {0}, out[8];
        for (ptrdiff_t j = i; j < n; j++) in[j - i] = x[j];
        __m256 v = _mm256_loadu_ps(in), r;
        if (op == BP_SIGMOID) r = _mm256_div_ps(one, _mm256_add_ps(one, exp_y(_mm256_sub_ps(zero, v))));
        else r = exp_y(v);
        _mm256_storeu_ps(out, r);
        for (ptrdiff_t j = i; j < n; j++) y[j] = out[j - i];
    }
}

static BP_AVX2 void sigmoid_backward_y_f32(const float *da, const float *z, float *dz, ptrdiff_t n) {
    const __m256 one = _mm256_set1_ps(1.0f), zero = _mm256_setzero_ps();
    for (ptrdiff_t i = 0; i < n; i += 8) {
        float in[8] = {0}, d[8] = {0}, out[8];
        const ptrdiff_t w = n - i < 8 ? n - i : 8;
        for (ptrdiff_t j = 0; j < w; j++) { in[j] = z[i + j]; d[j] = da[i + j]; }
        __m256 s = _mm256_div_ps(one, _mm256_add_ps(one, exp_y(_mm256_sub_ps(zero, _mm256_loadu_ps(in)))));
        __m256 r = _mm256_mul_ps(_mm256_mul_ps(_mm256_loadu_ps(d), s), _mm256_sub_ps(one, s));
        _mm256_storeu_ps(out, r);
        for (ptrdiff_t j = 0; j < w; j++) dz[i + j] = out[j];
    }
}
#endif

static void map_serial_f32(int op, const float *x, float *y, ptrdiff_t n) {
#if BP_X86
    int isa = bp_isa();
    if (isa == BP_ISA_AVX512 && (op == BP_SIGMOID || op == BP_EXP || op == BP_RELU)) { map_z_f32(op, x, y, n); return; }
    if (isa == BP_ISA_AVX2 && (op == BP_SIGMOID || op == BP_EXP)) { map_y_f32(op, x, y, n); return; }
#endif
    map_scalar_f32(op, x, y, n);
}

static void backward_serial_f32(int op, const float *da, const float *z, float *dz, ptrdiff_t n) {
#if BP_X86
    int isa = bp_isa();
    if (isa == BP_ISA_AVX512 && (op == BP_SIGMOID || op == BP_RELU)) { backward_z_f32(op, da, z, dz, n); return; }
    if (isa == BP_ISA_AVX2 && op == BP_SIGMOID) { sigmoid_backward_y_f32(da, z, dz, n); return; }
#endif
    backward_scalar_f32(op, da, z, dz, n);
}
static void map_serial_f64(int op, const double *x, double *y, ptrdiff_t n) { map_scalar_f64(op, x, y, n); }
static void backward_serial_f64(int op, const double *da, const double *z, double *dz, ptrdiff_t n) {
    backward_scalar_f64(op, da, z, dz, n);
}

/* ---- splitting long arrays between threads (64-element aligned chunks) ---- */
typedef struct { int op, f64; const void *x, *z; void *y; ptrdiff_t n; } ew_job;

static void ew_range(const ew_job *j, int index, int count, ptrdiff_t *lo, ptrdiff_t *hi) {
    ptrdiff_t chunk = ((j->n + count - 1) / count + 63) & ~(ptrdiff_t)63;
    *lo = chunk * index;
    *hi = *lo + chunk < j->n ? *lo + chunk : j->n;
}
static void map_task(void *ctx, int index, int count) {
    const ew_job *j = ctx;
    ptrdiff_t lo, hi;
    ew_range(j, index, count, &lo, &hi);
    if (lo >= hi) return;
    if (j->f64) map_serial_f64(j->op, (const double *)j->x + lo, (double *)j->y + lo, hi - lo);
    else map_serial_f32(j->op, (const float *)j->x + lo, (float *)j->y + lo, hi - lo);
}
static void backward_task(void *ctx, int index, int count) {
    const ew_job *j = ctx;
    ptrdiff_t lo, hi;
    ew_range(j, index, count, &lo, &hi);
    if (lo >= hi) return;
    if (j->f64) backward_serial_f64(j->op, (const double *)j->x + lo, (const double *)j->z + lo, (double *)j->y + lo, hi - lo);
    else backward_serial_f32(j->op, (const float *)j->x + lo, (const float *)j->z + lo, (float *)j->y + lo, hi - lo);
}
static int ew_threads(ptrdiff_t n) {
    if (n < BP_ELEMENTWISE_PARALLEL) return 1;
    int t = bp_threads();
    ptrdiff_t most = n / (BP_ELEMENTWISE_PARALLEL / 2);
    return most < t ? (int)most : t;
}

void bp_map_f32(int op, const float *x, float *y, ptrdiff_t n) {
    if (n <= 0) return;
    ew_job j = {op, 0, x, NULL, y, n};
    bp_parallel(ew_threads(n), map_task, &j);
}
void bp_map_f64(int op, const double *x, double *y, ptrdiff_t n) {
    if (n <= 0) return;
    ew_job j = {op, 1, x, NULL, y, n};
    bp_parallel(ew_threads(n), map_task, &j);
}
void bp_backward_f32(int op, const float *da, const float *z, float *dz, ptrdiff_t n) {
    if (n <= 0) return;
    ew_job j = {op, 0, da, z, dz, n};
    bp_parallel(ew_threads(n), backward_task, &j);
}
void bp_backward_f64(int op, const double *da, const double *z, double *dz, ptrdiff_t n) {
    if (n <= 0) return;
    ew_job j = {op, 1, da, z, dz, n};
    bp_parallel(ew_threads(n), backward_task, &j);
}

/* ---- fused bias + activation ---- */
#define BIAS_ACT(T, SUF)                                                                          \
    void bp_bias_activation_##SUF(int op, T *z, T *a, const T *bias, ptrdiff_t rows,              \
                                  ptrdiff_t cols, ptrdiff_t ld) {                                  \
        for (ptrdiff_t i = 0; i < rows; i++) {                                                    \
            T *zi = z + i * ld, *ai = a + i * ld;                                                 \
            if (bias) {                                                                           \
                const T bi = bias[i];                                                             \
                for (ptrdiff_t j = 0; j < cols; j++) zi[j] += bi;                                 \
            }                                                                                     \
            map_serial_##SUF(op, zi, ai, cols);                                                   \
        }                                                                                         \
    }
BIAS_ACT(float, f32)
BIAS_ACT(double, f64)

/* ---- sums ---- */
/* NumPy's pairwise summation (numpy/_core/src/umath/loops_utils.h.src, PW_BLOCKSIZE 128):
 * fewer than 8 values in order; up to 128 with eight running sums; longer runs split in two
 * at a multiple of 8. Reproducing it makes bp_sum_rows match np.sum(axis=1) bit for bit. */
#define PAIRWISE(T, SUF)                                                                          \
    static T pairwise_##SUF(const T *a, ptrdiff_t n) {                                            \
        if (n < 8) {                                                                              \
            T res = (T)-0.0;                                                                      \
            for (ptrdiff_t i = 0; i < n; i++) res += a[i];                                        \
            return res;                                                                           \
        } else if (n <= 128) {                                                                    \
            T r[8];                                                                               \
            for (int j = 0; j < 8; j++) r[j] = a[j];                                              \
            ptrdiff_t i = 8;                                                                      \
            for (; i < n - (n % 8); i += 8)                                                       \
                for (int j = 0; j < 8; j++) r[j] += a[i + j];                                     \
            T res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));             \
            for (; i < n; i++) res += a[i];                                                       \
            return res;                                                                           \
        } else {                                                                                  \
            ptrdiff_t n2 = n / 2;                                                                 \
            n2 -= n2 % 8;                                                                         \
            return pairwise_##SUF(a, n2) + pairwise_##SUF(a + n2, n - n2);                         \
        }                                                                                         \
    }                                                                                             \
    void bp_sum_rows_##SUF(const T *x, ptrdiff_t rows, ptrdiff_t cols, ptrdiff_t ld, T *out) {    \
        for (ptrdiff_t i = 0; i < rows; i++) out[i] = cols > 0 ? pairwise_##SUF(x + i * ld, cols) : 0; \
    }                                                                                             \
    void bp_sum_columns_##SUF(const T *x, ptrdiff_t rows, ptrdiff_t cols, ptrdiff_t ld, T *out) { \
        for (ptrdiff_t j = 0; j < cols; j++) out[j] = rows > 0 ? x[j] : 0;                        \
        for (ptrdiff_t i = 1; i < rows; i++) {                                                    \
            const T *xi = x + i * ld;                                                             \
            for (ptrdiff_t j = 0; j < cols; j++) out[j] += xi[j];                                 \
        }                                                                                         \
    }
PAIRWISE(float, f32)
PAIRWISE(double, f64)
