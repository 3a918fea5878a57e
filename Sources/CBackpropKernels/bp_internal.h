/* Internal declarations shared by the C files of CBackpropKernels (not exported). */
#ifndef BP_INTERNAL_H
#define BP_INTERNAL_H
#include <stddef.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define BP_X86 1
#define BP_AVX512 __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl,fma")))
#define BP_AVX2 __attribute__((target("avx2,fma")))
#else
#define BP_X86 0
#endif

#define BP_INLINE static inline __attribute__((always_inline))

/* Fully unrolls the next loop (its trip count is a compile-time constant of the instance), so
 * accumulator arrays live in registers. */
#if defined(__clang__)
#define BP_UNROLL _Pragma("clang loop unroll(full)")
#elif defined(__GNUC__)
#define BP_UNROLL _Pragma("GCC unroll 16")
#else
#define BP_UNROLL
#endif

/* ---- instruction set, chosen once ---- */
enum bp_isa { BP_ISA_PORTABLE = 0, BP_ISA_AVX2 = 1, BP_ISA_AVX512 = 2 };
/* The instruction set in use (detected once; BACKPROP_ISA=portable|avx2|avx512 caps it). */
int bp_isa(void);

/* ---- threads ---- */
/* A task: the index-th of count parts of one job. */
typedef void (*bp_task_fn)(void *ctx, int index, int count);
/* Runs fn(ctx, i, count) for every i < count, in parallel on the persistent pool (the caller
 * runs part 0), and returns when all are done. When the pool is busy (a call from another
 * thread, or a nested call) the caller runs every part itself: results never depend on which
 * thread ran a part. */
void bp_parallel(int count, bp_task_fn fn, void *ctx);

/* A per-thread scratch buffer (64-byte aligned) of at least `bytes`, kept for reuse; slot 0..3. */
void *bp_scratch(int slot, size_t bytes);

/* ---- GEMM micro-kernels ---- */
/* A micro-kernel computes one (mr <= MR, nr <= NR) tile of C from kc steps of packed A (MR
 * values per step) and B (NR values per step, row stride rsb):
 *   C[i][j] = alpha * sum_p A[p][i] * B[p][j] + beta * C[i][j]   (beta == 0: C not read). */
typedef void (*bp_ukr_f32)(ptrdiff_t kc, const float *a, const float *b, ptrdiff_t rsb,
                           float *c, ptrdiff_t ldc, int mr, int nr, float alpha, float beta);
typedef void (*bp_ukr_f64)(ptrdiff_t kc, const double *a, const double *b, ptrdiff_t rsb,
                           double *c, ptrdiff_t ldc, int mr, int nr, double alpha, double beta);

/* A micro-kernel reading op(A) in place, unpacked: op(A)[i][p] = a[i * ars + p * aps] (A as
 * stored: ars = lda, aps = 1; A transposed: ars = 1, aps = lda). It reads exactly the mr <= MR
 * rows it stores, each element's FMA chain the same as the packed kernel's: the same bits. */
typedef void (*bp_ukr_ua_f32)(ptrdiff_t kc, const float *a, ptrdiff_t ars, ptrdiff_t aps, const float *b,
                              ptrdiff_t rsb, float *c, ptrdiff_t ldc, int mr, int nr, float alpha, float beta);
typedef void (*bp_ukr_ua_f64)(ptrdiff_t kc, const double *a, ptrdiff_t ars, ptrdiff_t aps, const double *b,
                              ptrdiff_t rsb, double *c, ptrdiff_t ldc, int mr, int nr, double alpha, double beta);
#define BP_UKR_UA_PARAMETERS(T)                                                                   \
    (ptrdiff_t kc, const T *restrict a, ptrdiff_t ars, ptrdiff_t aps, const T *restrict b,        \
     ptrdiff_t rsb, T *restrict c, ptrdiff_t ldc, int mr, int nr, T alpha, T beta)

/* A transposing B pack: one NR-wide panel of op(B) = B^T from `cols` stored rows of B (row
 * stride ldb), kc steps: dst[p * NR + j] = b[j * ldb + p] for j < cols, 0 for cols <= j < NR.
 * Must write exactly what the portable pack writes (the tests compare products bit for bit). */
typedef void (*bp_pack_bt_f32)(float *dst, const float *b, ptrdiff_t ldb, ptrdiff_t kc, int cols, int nr);
typedef void (*bp_pack_bt_f64)(double *dst, const double *b, ptrdiff_t ldb, ptrdiff_t kc, int cols, int nr);
/* An instruction set's pack of one MR-tall panel of op(A) (pack_a_ in gemm_driver.h): `rows`
 * (<= mr) rows, kc steps: dst[p * mr + i] = op(A)[i][p] for i < rows, 0 for rows <= i < mr, with
 * op(A)[i][p] = a[i * lda + p] (pack_an, A as stored) or a[p * lda + i] (pack_at, A transposed).
 * Must write exactly what the portable pack writes. */
typedef void (*bp_pack_a_f32)(float *dst, const float *a, ptrdiff_t lda, ptrdiff_t kc, int rows, int mr);
typedef void (*bp_pack_a_f64)(double *dst, const double *a, ptrdiff_t lda, ptrdiff_t kc, int rows, int mr);

#define BP_MR_LIMIT 16
/* A family of micro-kernels and its blocking. ukr[MR] exists for 1 <= MR <= mr_max.
 * The blocking (KC x MC) depends on M and N only (FN(blocking_) in gemm_driver.h):
 * - kc_large x mc_large when op(A) has more than 2 * mr_max rows and C is at least
 *   BP_GEMM_LARGE_C_BYTES: C then lives in L3 or memory, and a longer KC means fewer passes
 *   reading and writing it back (2048^3 float: 105 against 98 GFLOP/s with 1024 rather than 384);
 * - kc x mc otherwise: W2's 128 x 64 x 784 float runs at 83 against 74 GFLOP/s with 384 rather
 *   than 1024 (the packed panels stay in L1/L2), and a skinny product (W1 . X, dZ . X^T) streams
 *   B from memory and keeps the short KC, so that the fused first layer (first_layer.c, blocks
 *   of whole KC) keeps its block of X in L2 between its two uses.
 * A zero kc_large means kc and mc. */
#define BP_GEMM_LARGE_C_BYTES ((size_t)4 << 20)
/* The micro-kernels read op(A) where it is stored (a family's ukr_ua), without packing it, when
 * an MR-tall panel of KC steps (MR * KC values) is at most this many bytes: the panel then stays
 * in L1 while the kernel walks the B panels, and the pack's pass over A (a whole W every
 * forward product, W^T every backward one) is saved. One thread, float, min of 60 calls with
 * caches evicted between them, packed -> in place: W3's products at batch 128 (ms):
 * W2 . A1 1.48 -> 1.32-1.38, W1 . X 1.13 -> 0.96, W2^T . dZ2 1.62 -> 1.33, dZ2 . A1^T
 * 1.78 -> 1.70-1.73; W2's 128 x 64 x 784 forward 0.104 -> 0.076. With a longer panel
 * (KC 1024: 57 KB) reading in place was slower: 2048^3 88 -> 99 ms. */
#define BP_GEMM_A_IN_PLACE_BYTES ((size_t)32 << 10)
typedef struct {
    int nr, mr_max, kc, mc, nc, kc_large, mc_large;
    int reads_unpacked_b;   /* 1: may read B rows in place with any stride and a partial width */
    int streams_unpacked_b; /* 1: reading B in place pays even when B streams from memory */
    bp_ukr_f32 ukr[BP_MR_LIMIT + 1];
    bp_ukr_ua_f32 ukr_ua[BP_MR_LIMIT + 1]; /* kernels reading op(A) in place, or NULL */
    bp_pack_bt_f32 pack_bt; /* the transposing B pack of this instruction set, or NULL */
    bp_pack_a_f32 pack_an, pack_at; /* its A packs, or NULL (the portable loops) */
} bp_gemm_family_f32;
typedef struct {
    int nr, mr_max, kc, mc, nc, kc_large, mc_large;
    int reads_unpacked_b;
    int streams_unpacked_b;
    bp_ukr_f64 ukr[BP_MR_LIMIT + 1];
    bp_ukr_ua_f64 ukr_ua[BP_MR_LIMIT + 1];
    bp_pack_bt_f64 pack_bt;
    bp_pack_a_f64 pack_an, pack_at;
} bp_gemm_family_f64;

/* Products below this many floating-point operations run on one thread: waking a second
 * costs a few microseconds, which small products (W2's second layer) cannot repay. */
#define BP_GEMM_PARALLEL_FLOPS (2.0 * 1024 * 1024)

/* bp_sgemm / bp_dgemm for the kernels' own callers (the fused first layer), with options:
 * - b_cached: B was just read and sits in L1/L2, so a kernel that can read B in place should
 *   (for double that is faster only from cache);
 * - blocking_n: block as an (m, blocking_n) product would be (0: as this one), so that a call on
 *   a slice of C's columns gives the bits of the call on the whole;
 * - single_thread: run on the calling thread (from inside a bp_parallel task).
 * None of them changes the bits of an element of C. */
typedef struct {
    int b_cached;
    ptrdiff_t blocking_n;
    int single_thread;
} bp_gemm_options;
void bp_sgemm_ex(int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                 float alpha, const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb,
                 float beta, float *c, ptrdiff_t ldc, const bp_gemm_options *options);
void bp_dgemm_ex(int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                 double alpha, const double *a, ptrdiff_t lda, const double *b, ptrdiff_t ldb,
                 double beta, double *c, ptrdiff_t ldc, const bp_gemm_options *options);
/* KC for an (m, n) product with the kernel family in use: every element of C is accumulated
 * one KC block of the inner dimension at a time, in order. */
ptrdiff_t bp_gemm_kc_f32(ptrdiff_t m, ptrdiff_t n);
ptrdiff_t bp_gemm_kc_f64(ptrdiff_t m, ptrdiff_t n);

/* The parameters of every family's micro-kernel ukr_SUF_FAM: an MR x NR tile of
 * C = alpha * A.B + beta * C from kc steps of the packed A panel `a` (MR values a step) and of B
 * (`rsb` apart), C's rows `ldc` apart; only the first mr rows and nr columns are stored. */
#define BP_UKR_PARAMETERS(T)                                                                      \
    (const int MR, ptrdiff_t kc, const T *restrict a, const T *restrict b, ptrdiff_t rsb,         \
     T *restrict c, ptrdiff_t ldc, int mr, int nr, T alpha, T beta)

/* One instance of a family's micro-kernel ukr_SUF_FAM with its row count MR fixed at compile
 * time (so the kernel's BP_UNROLL loops unroll fully), named ukr_SUF_FAM<MR> for the family's
 * table, with the family's target attribute ATTR (empty for the portable family). */
#define BP_UKR_INSTANCE(ATTR, T, SUF, FAM, MR)                                                    \
    static ATTR void ukr_##SUF##_##FAM##MR(ptrdiff_t kc, const T *a, const T *b, ptrdiff_t rsb,   \
                                           T *c, ptrdiff_t ldc, int mr, int nr, T alpha, T beta) { \
        ukr_##SUF##_##FAM(MR, kc, a, b, rsb, c, ldc, mr, nr, alpha, beta);                        \
    }
/* The instances MR = 1...6 (all of the AVX2 family, the first of the AVX-512 family). */
#define BP_UKR_INSTANCES_1_TO_6(ATTR, T, SUF, FAM)                                                \
    BP_UKR_INSTANCE(ATTR, T, SUF, FAM, 1) BP_UKR_INSTANCE(ATTR, T, SUF, FAM, 2)                   \
    BP_UKR_INSTANCE(ATTR, T, SUF, FAM, 3) BP_UKR_INSTANCE(ATTR, T, SUF, FAM, 4)                   \
    BP_UKR_INSTANCE(ATTR, T, SUF, FAM, 5) BP_UKR_INSTANCE(ATTR, T, SUF, FAM, 6)

extern const bp_gemm_family_f32 bp_family_f32_portable;
extern const bp_gemm_family_f64 bp_family_f64_portable;
#if BP_X86
extern const bp_gemm_family_f32 bp_family_f32_avx2;
extern const bp_gemm_family_f64 bp_family_f64_avx2;
extern const bp_gemm_family_f32 bp_family_f32_avx512;
extern const bp_gemm_family_f64 bp_family_f64_avx512;
#endif

#endif
