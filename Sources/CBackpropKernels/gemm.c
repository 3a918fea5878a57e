/* GEMM entry points: pick the kernel family for the instruction set once, run the driver. */
#include "backprop_kernels.h"
#include "bp_internal.h"

/* See bp_set_gemm_a_in_place (read by the driver: FN(reads_a_in_place_)). Relaxed atomics: a
 * test may switch it while other threads multiply, and either value gives the same bits. */
static int bp_gemm_a_in_place = 1;
void bp_set_gemm_a_in_place(int enabled) { __atomic_store_n(&bp_gemm_a_in_place, enabled != 0, __ATOMIC_RELAXED); }

#define T float
#define SUF f32
#define FAMILY bp_gemm_family_f32
#define UKR bp_ukr_f32
#include "gemm_driver.h"
#undef T
#undef SUF
#undef FAMILY
#undef UKR

#define T double
#define SUF f64
#define FAMILY bp_gemm_family_f64
#define UKR bp_ukr_f64
#include "gemm_driver.h"
#undef T
#undef SUF
#undef FAMILY
#undef UKR

static const bp_gemm_family_f32 *family_f32(void) {
    switch (bp_isa()) {
#if BP_X86
    case BP_ISA_AVX512: return &bp_family_f32_avx512;
    case BP_ISA_AVX2: return &bp_family_f32_avx2;
#endif
    default: return &bp_family_f32_portable;
    }
}

static const bp_gemm_family_f64 *family_f64(void) {
    switch (bp_isa()) {
#if BP_X86
    case BP_ISA_AVX512: return &bp_family_f64_avx512;
    case BP_ISA_AVX2: return &bp_family_f64_avx2;
#endif
    default: return &bp_family_f64_portable;
    }
}

void bp_sgemm(int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
              float alpha, const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb,
              float beta, float *c, ptrdiff_t ldc) {
    gemm_f32(family_f32(), trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, NULL);
}

void bp_dgemm(int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
              double alpha, const double *a, ptrdiff_t lda, const double *b, ptrdiff_t ldb,
              double beta, double *c, ptrdiff_t ldc) {
    gemm_f64(family_f64(), trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, NULL);
}

void bp_sgemm_ex(int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                 float alpha, const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb,
                 float beta, float *c, ptrdiff_t ldc, const bp_gemm_options *options) {
    gemm_f32(family_f32(), trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, options);
}

void bp_dgemm_ex(int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                 double alpha, const double *a, ptrdiff_t lda, const double *b, ptrdiff_t ldb,
                 double beta, double *c, ptrdiff_t ldc, const bp_gemm_options *options) {
    gemm_f64(family_f64(), trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, options);
}

ptrdiff_t bp_gemm_kc_f32(ptrdiff_t m, ptrdiff_t n) { return kc_f32(family_f32(), m, n); }
ptrdiff_t bp_gemm_kc_f64(ptrdiff_t m, ptrdiff_t n) { return kc_f64(family_f64(), m, n); }
