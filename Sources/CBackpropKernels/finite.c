/* Whether every element of an array is finite: the divergence check that training runs on every
 * gradient after every step (W3: 1.8 million floats a step). And y = x + y counting the sums
 * that are not finite: the sum of data-parallel training, which checks as it adds (each rank
 * counts the sums it computed; a sum with a NaN or infinite term is NaN or infinite, so the
 * ranks' total is 0 exactly when the result is finite).
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

/* ---- portable: the definitions (U: the unsigned integer of T's width, EXP: T's exponent bits):
 * how many values are NaN or infinite; whether none is; y = x + y and the count of the sums ---- */
#define PORTABLE(T, SUF, U, EXP)                                                                  \
    static ptrdiff_t count_nonfinite_##SUF(const T *x, ptrdiff_t n) {                             \
        ptrdiff_t bad = 0;                                                                        \
        for (ptrdiff_t i = 0; i < n; i++) {                                                       \
            U u;                                                                                  \
            memcpy(&u, &x[i], sizeof u);                                                          \
            bad += (u & EXP) == EXP;                                                              \
        }                                                                                         \
        return bad;                                                                               \
    }                                                                                             \
    static int all_finite_portable_##SUF(const T *x, ptrdiff_t n) {                               \
        return count_nonfinite_##SUF(x, n) == 0;                                                  \
    }                                                                                             \
    static ptrdiff_t add_count_portable_##SUF(const T *x, T *y, ptrdiff_t n) {                    \
        for (ptrdiff_t i = 0; i < n; i++) y[i] = x[i] + y[i];                                     \
        return count_nonfinite_##SUF(y, n);                                                       \
    }
PORTABLE(float, f32, uint32_t, F32_EXPONENT)
PORTABLE(double, f64, uint64_t, F64_EXPONENT)

#if BP_X86
/* ---- AVX-512: 16 floats / 8 doubles a step, compares into a mask register (W lanes of mask
 * type M; E: epi32 or epi64; SET1 broadcasts the exponent bits EXP as the lane's integer) ---- */
#define ALL_FINITE_Z(T, SUF, W, M, E, SET1)                                                       \
    static BP_AVX512 int all_finite_z_##SUF(const T *x, ptrdiff_t n) {                            \
        const __m512i exponent = SET1;                                                            \
        M bad = 0;                                                                                \
        ptrdiff_t i = 0;                                                                          \
        for (; i + W <= n; i += W) {                                                              \
            const __m512i v = _mm512_and_si512(_mm512_loadu_si512((const void *)(x + i)), exponent); \
            bad |= _mm512_cmpeq_##E##_mask(v, exponent);                                          \
        }                                                                                         \
        if (i < n) {                                                                              \
            const M tail = (M)((1u << (n - i)) - 1u);                                             \
            const __m512i v = _mm512_and_si512(_mm512_maskz_loadu_##E(tail, x + i), exponent);    \
            bad |= _mm512_mask_cmpeq_##E##_mask(tail, v, exponent);                               \
        }                                                                                         \
        return bad == 0;                                                                          \
    }
ALL_FINITE_Z(float, f32, 16, __mmask16, epi32, _mm512_set1_epi32((int)F32_EXPONENT))
ALL_FINITE_Z(double, f64, 8, __mmask8, epi64, _mm512_set1_epi64((long long)F64_EXPONENT))

/* y = x + y, and whether a sum is NaN or infinite (a mask or-ed like the finite check's: the
 * count is made afterwards, over y, only when there is something to count). V: the vector
 * type, P: ps or pd. */
#define ADD_Z(T, SUF, W, M, V, P, E, SET1)                                                        \
    static BP_AVX512 int add_z_##SUF(const T *x, T *y, ptrdiff_t n) {                             \
        const __m512i exponent = SET1;                                                            \
        M bad = 0;                                                                                \
        ptrdiff_t i = 0;                                                                          \
        for (; i + W <= n; i += W) {                                                              \
            const V sum = _mm512_add_##P(_mm512_loadu_##P(x + i), _mm512_loadu_##P(y + i));       \
            _mm512_storeu_##P(y + i, sum);                                                        \
            const __m512i bits = _mm512_and_si512(_mm512_cast##P##_si512(sum), exponent);        \
            bad |= _mm512_cmpeq_##E##_mask(bits, exponent);                                       \
        }                                                                                         \
        if (i < n) {                                                                              \
            const M tail = (M)((1u << (n - i)) - 1u);                                             \
            const V sum = _mm512_add_##P(_mm512_maskz_loadu_##P(tail, x + i),                     \
                                         _mm512_maskz_loadu_##P(tail, y + i));                    \
            _mm512_mask_storeu_##P(y + i, tail, sum);                                             \
            const __m512i bits = _mm512_and_si512(_mm512_cast##P##_si512(sum), exponent);        \
            bad |= _mm512_mask_cmpeq_##E##_mask(tail, bits, exponent);                            \
        }                                                                                         \
        return bad != 0;                                                                          \
    }
ADD_Z(float, f32, 16, __mmask16, __m512, ps, epi32, _mm512_set1_epi32((int)F32_EXPONENT))
ADD_Z(double, f64, 8, __mmask8, __m512d, pd, epi64, _mm512_set1_epi64((long long)F64_EXPONENT))
#endif

/* The entry points: AVX-512 when the machine has it, else the definition. */
#if BP_X86
#define IF_AVX512_RETURN(SUF, x, n) if (bp_isa() == BP_ISA_AVX512) return all_finite_z_##SUF(x, n);
#define IF_AVX512_RETURN_COUNT(SUF, x, y, n)                                                      \
    if (bp_isa() == BP_ISA_AVX512) return add_z_##SUF(x, y, n) ? count_nonfinite_##SUF(y, n) : 0;
#else
#define IF_AVX512_RETURN(SUF, x, n)
#define IF_AVX512_RETURN_COUNT(SUF, x, y, n)
#endif
#define ALL_FINITE(T, SUF)                                                                        \
    int bp_all_finite_##SUF(const T *x, ptrdiff_t n) {                                            \
        if (n <= 0) return 1;                                                                     \
        IF_AVX512_RETURN(SUF, x, n)                                                               \
        return all_finite_portable_##SUF(x, n);                                                   \
    }
ALL_FINITE(float, f32)
ALL_FINITE(double, f64)

#define ADD_COUNT(T, SUF)                                                                         \
    ptrdiff_t bp_add_count_nonfinite_##SUF(const T *x, T *y, ptrdiff_t n) {                       \
        if (n <= 0) return 0;                                                                     \
        IF_AVX512_RETURN_COUNT(SUF, x, y, n)                                                      \
        return add_count_portable_##SUF(x, y, n);                                                 \
    }
ADD_COUNT(float, f32)
ADD_COUNT(double, f64)
