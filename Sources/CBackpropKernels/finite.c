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

/* ---- portable: the definition (U: the unsigned integer of T's width, EXP: T's exponent bits) ---- */
#define ALL_FINITE_PORTABLE(T, SUF, U, EXP)                                                       \
    static int all_finite_portable_##SUF(const T *x, ptrdiff_t n) {                               \
        U bad = 0;                                                                                \
        for (ptrdiff_t i = 0; i < n; i++) {                                                       \
            U u;                                                                                  \
            memcpy(&u, &x[i], sizeof u);                                                          \
            bad |= (U)((u & EXP) == EXP);                                                         \
        }                                                                                         \
        return bad == 0;                                                                          \
    }
ALL_FINITE_PORTABLE(float, f32, uint32_t, F32_EXPONENT)
ALL_FINITE_PORTABLE(double, f64, uint64_t, F64_EXPONENT)

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
#endif

/* The entry points: AVX-512 when the machine has it, else the definition. */
#if BP_X86
#define IF_AVX512_RETURN(SUF, x, n) if (bp_isa() == BP_ISA_AVX512) return all_finite_z_##SUF(x, n);
#else
#define IF_AVX512_RETURN(SUF, x, n)
#endif
#define ALL_FINITE(T, SUF)                                                                        \
    int bp_all_finite_##SUF(const T *x, ptrdiff_t n) {                                            \
        if (n <= 0) return 1;                                                                     \
        IF_AVX512_RETURN(SUF, x, n)                                                               \
        return all_finite_portable_##SUF(x, n);                                                   \
    }
ALL_FINITE(float, f32)
ALL_FINITE(double, f64)
