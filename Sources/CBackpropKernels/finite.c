/* Whether every element of an array is finite: the divergence check that training runs on every
 * gradient after every step (W3: 1.8 million floats a step).
 *
 * A float or double is a NaN or an infinity exactly when every bit of its exponent is set, so
 * the test is an integer mask and compare, which vectorises (a floating-point sum of x * 0 would
 * not: without reassociation the compiler keeps it scalar). No early exit: finite arrays are the
 * case to make fast, and every element is read either way. */
#include "backprop_kernels.h"
#include "bp_internal.h"

#include <stdint.h>
#include <string.h>

#if BP_X86
#include <immintrin.h>
#endif

#define F32_EXPONENT 0x7F800000u
#define F64_EXPONENT 0x7FF0000000000000ull

/* ---- portable: the definition ---- */
static int all_finite_portable_f32(const float *x, ptrdiff_t n) {
    uint32_t bad = 0;
    for (ptrdiff_t i = 0; i < n; i++) {
        uint32_t u;
        memcpy(&u, &x[i], sizeof u);
        bad |= (uint32_t)((u & F32_EXPONENT) == F32_EXPONENT);
    }
    return bad == 0;
}

static int all_finite_portable_f64(const double *x, ptrdiff_t n) {
    uint64_t bad = 0;
    for (ptrdiff_t i = 0; i < n; i++) {
        uint64_t u;
        memcpy(&u, &x[i], sizeof u);
        bad |= (uint64_t)((u & F64_EXPONENT) == F64_EXPONENT);
    }
    return bad == 0;
}

#if BP_X86
/* ---- AVX-512: 16 floats / 8 doubles a step, compares into a mask register ---- */
static BP_AVX512 int all_finite_z_f32(const float *x, ptrdiff_t n) {
    const __m512i exponent = _mm512_set1_epi32((int)F32_EXPONENT);
    __mmask16 bad = 0;
    ptrdiff_t i = 0;
    for (; i + 16 <= n; i += 16) {
        const __m512i v = _mm512_and_si512(_mm512_loadu_si512((const void *)(x + i)), exponent);
        bad |= _mm512_cmpeq_epi32_mask(v, exponent);
    }
    if (i < n) {
        const __mmask16 tail = (__mmask16)((1u << (n - i)) - 1u);
        const __m512i v = _mm512_and_si512(_mm512_maskz_loadu_epi32(tail, x + i), exponent);
        bad |= _mm512_mask_cmpeq_epi32_mask(tail, v, exponent);
    }
    return bad == 0;
}

static BP_AVX512 int all_finite_z_f64(const double *x, ptrdiff_t n) {
    const __m512i exponent = _mm512_set1_epi64((long long)F64_EXPONENT);
    __mmask8 bad = 0;
    ptrdiff_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m512i v = _mm512_and_si512(_mm512_loadu_si512((const void *)(x + i)), exponent);
        bad |= _mm512_cmpeq_epi64_mask(v, exponent);
    }
    if (i < n) {
        const __mmask8 tail = (__mmask8)((1u << (n - i)) - 1u);
        const __m512i v = _mm512_and_si512(_mm512_maskz_loadu_epi64(tail, x + i), exponent);
        bad |= _mm512_mask_cmpeq_epi64_mask(tail, v, exponent);
    }
    return bad == 0;
}
#endif

int bp_all_finite_f32(const float *x, ptrdiff_t n) {
    if (n <= 0) return 1;
#if BP_X86
    if (bp_isa() == BP_ISA_AVX512) return all_finite_z_f32(x, n);
#endif
    return all_finite_portable_f32(x, n);
}

int bp_all_finite_f64(const double *x, ptrdiff_t n) {
    if (n <= 0) return 1;
#if BP_X86
    if (bp_isa() == BP_ISA_AVX512) return all_finite_z_f64(x, n);
#endif
    return all_finite_portable_f64(x, n);
}
