#ifndef BACKPROP_KERNELS_H
#define BACKPROP_KERNELS_H
/*
 * CBackpropKernels: the compute kernels behind BackpropMatrix.
 *
 * Matrix multiply (BLIS-style: packed panels, register-blocked micro-kernels) and element-wise
 * math, for float and double, with one implementation per instruction set (AVX-512, AVX2+FMA,
 * portable C) chosen once at run time. Every symbol is prefixed `bp_`. Not API: Swift code uses
 * the wrappers in BackpropMatrix.
 *
 * Layout: row-major. A matrix (rows, cols) with row stride ld holds element (i, j) at
 * p[i * ld + j].
 */
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Version of the kernel library, for diagnostics. */
int bp_kernels_version(void);

/** The instruction set the kernels run on: "avx512", "avx2" or "portable". */
const char *bp_kernels_isa(void);

/* ---- threads ------------------------------------------------------------------------- */

/** The number of threads kernels may use (>= 1). Starts at $BACKPROP_THREADS when set to a
 *  positive integer, else the number of online processors. */
int bp_threads(void);

/** Sets the number of threads kernels may use; values below 1 become 1. Results do not depend
 *  on it: the same inputs give the same bits on any thread count. */
void bp_set_threads(int count);

/** Whether the GEMM may read op(A) where it is stored (1, the default: with the AVX-512 kernels,
 *  when a micro-panel of A fits in L1) or packs every panel of A first (0). The same bits either
 *  way: a switch for tests and benchmarks. */
void bp_set_gemm_a_in_place(int enabled);

/** How many of the calling thread's kernel calls so far were split into parts for the thread
 *  pool (for tests, which run beside other suites); parts no worker claimed in time run on the
 *  calling thread. */
unsigned long bp_parallel_dispatches_on_this_thread(void);

/** The number of online processors. */
int bp_processor_count(void);

/* ---- memory ------------------------------------------------------------------------- */

/** Asks the system to back the whole 2 MiB pages inside [p, p + bytes) with huge pages, now
 *  (Linux: madvise MADV_HUGEPAGE, then MADV_COLLAPSE, which copies the pages already touched;
 *  elsewhere, or on an older kernel, nothing). Large weight and gradient arrays then take fewer
 *  TLB entries, and fewer pages to pin when MPI copies them between processes. Contents are
 *  unchanged. Returns 1 when the pages were collapsed, 0 otherwise. */
int bp_advise_huge_pages(void *p, size_t bytes);

/* ---- matrix multiply ----------------------------------------------------------------- */

/**
 * C = alpha * op(A) * op(B) + beta * C, row-major.
 * op(A) is (m, k): A itself stored (m, k) with row stride lda, or, when trans_a, A stored
 * (k, m) and read by stride. op(B) is (k, n): B stored (k, n) with row stride ldb, or, when
 * trans_b, stored (n, k). C is (m, n) with row stride ldc. With beta == 0, C is not read
 * (NaNs in it do not propagate). Nothing is copied beyond the per-thread pack buffers.
 */
void bp_sgemm(int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
              float alpha, const float *a, ptrdiff_t lda, const float *b, ptrdiff_t ldb,
              float beta, float *c, ptrdiff_t ldc);
/** Double-precision bp_sgemm. */
void bp_dgemm(int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
              double alpha, const double *a, ptrdiff_t lda, const double *b, ptrdiff_t ldb,
              double beta, double *c, ptrdiff_t ldc);

/* ---- transpose ----------------------------------------------------------------------- */

/** Transposes a (rows, cols) row-major matrix with row stride lda into out, (cols, rows) with
 *  row stride ldo: out[c * ldo + r] = a[r * lda + c]. The buffers must not overlap. */
void bp_transpose_f32(const float *a, ptrdiff_t rows, ptrdiff_t cols, ptrdiff_t lda, float *out, ptrdiff_t ldo);
/** Double-precision bp_transpose_f32. */
void bp_transpose_f64(const double *a, ptrdiff_t rows, ptrdiff_t cols, ptrdiff_t lda, double *out, ptrdiff_t ldo);

/* ---- element-wise -------------------------------------------------------------------- */

/** Element-wise functions. */
enum bp_unary {
    BP_IDENTITY = 0, /**< y = x */
    BP_SIGMOID = 1,  /**< y = 1 / (1 + exp(-x)) */
    BP_RELU = 2,     /**< y = max(x, 0) (NaN stays NaN) */
    BP_TANH = 3,     /**< y = tanh(x) */
    BP_EXP = 4,      /**< y = exp(x) */
    BP_LOG = 5       /**< y = log(x) */
};

/** y[i] = f(x[i]) for i < n; y may equal x. */
void bp_map_f32(int op, const float *x, float *y, ptrdiff_t n);
/** Double-precision bp_map_f32 (exp, log, tanh from the C library: within 1 ulp). */
void bp_map_f64(int op, const double *x, double *y, ptrdiff_t n);

/**
 * The backward form of an activation, given the upstream gradient dA and the forward input Z:
 * sigmoid: dZ = dA * s * (1 - s), s = sigmoid(Z); relu: dZ = dA * (Z > 0);
 * tanh: dZ = dA * (1 - t * t), t = tanh(Z); identity: dZ = dA. dz may equal da or z.
 */
void bp_backward_f32(int op, const float *da, const float *z, float *dz, ptrdiff_t n);
/** Double-precision bp_backward_f32. */
void bp_backward_f64(int op, const double *da, const double *z, double *dz, ptrdiff_t n);

/**
 * Fused bias and activation over a (rows, cols) matrix with row stride ld:
 * z[i][j] += bias[i]; a[i][j] = f(z[i][j]). a may equal z (then only the activation is kept).
 * bias may be NULL (no bias).
 */
void bp_bias_activation_f32(int op, float *z, float *a, const float *bias,
                            ptrdiff_t rows, ptrdiff_t cols, ptrdiff_t ld);
/** Double-precision bp_bias_activation_f32. */
void bp_bias_activation_f64(int op, double *z, double *a, const double *bias,
                            ptrdiff_t rows, ptrdiff_t cols, ptrdiff_t ld);

/**
 * out[i] = sum over j of x[i][j] (sum along each row, NumPy axis=1), in NumPy's pairwise order
 * (so results match np.sum(x, axis=1) on a C-contiguous array bit for bit).
 */
void bp_sum_rows_f32(const float *x, ptrdiff_t rows, ptrdiff_t cols, ptrdiff_t ld, float *out);
/** Double-precision bp_sum_rows_f32. */
void bp_sum_rows_f64(const double *x, ptrdiff_t rows, ptrdiff_t cols, ptrdiff_t ld, double *out);

/** out[j] = sum over i of x[i][j] (sum down each column, NumPy axis=0), rows added in order. */
void bp_sum_columns_f32(const float *x, ptrdiff_t rows, ptrdiff_t cols, ptrdiff_t ld, float *out);
/** Double-precision bp_sum_columns_f32. */
void bp_sum_columns_f64(const double *x, ptrdiff_t rows, ptrdiff_t cols, ptrdiff_t ld, double *out);

/** 1 when every x[i], i < n, is finite (no NaN, no infinity), else 0. */
int bp_all_finite_f32(const float *x, ptrdiff_t n);
/** Double-precision bp_all_finite_f32. */
int bp_all_finite_f64(const double *x, ptrdiff_t n);
/** y[i] = x[i] + y[i] for i < n (x and y must not overlap); returns how many of the sums are a
 *  NaN or an infinity. */
ptrdiff_t bp_add_count_nonfinite_f32(const float *x, float *y, ptrdiff_t n);
/** Double-precision bp_add_count_nonfinite_f32. */
ptrdiff_t bp_add_count_nonfinite_f64(const double *x, double *y, ptrdiff_t n);

/* ---- optimiser updates ---------------------------------------------------------------- */
/* In place over n elements: parameters p, moments v and s, gradient g (none may overlap). Each
 * element is computed exactly as written, every operation rounded (no fused multiply-add), so
 * every instruction set and thread count gives the same bits as the scalar formula. */

/** Gradient descent: p = p - alpha*g. */
void bp_descent_f32(float *p, const float *g, ptrdiff_t n, float alpha);
/** Double-precision bp_descent_f32. */
void bp_descent_f64(double *p, const double *g, ptrdiff_t n, double alpha);
/** Momentum: v = beta*v + (1-beta)*g; p = p - alpha*v. */
void bp_momentum_f32(float *p, float *v, const float *g, ptrdiff_t n, float beta, float alpha);
/** Double-precision bp_momentum_f32. */
void bp_momentum_f64(double *p, double *v, const double *g, ptrdiff_t n, double beta, double alpha);
/** RMSProp: s = beta*s + (1-beta)*(g*g); p = p - alpha*g / (sqrt(s) + epsilon). */
void bp_rmsprop_f32(float *p, float *s, const float *g, ptrdiff_t n, float beta, float epsilon, float alpha);
/** Double-precision bp_rmsprop_f32. */
void bp_rmsprop_f64(double *p, double *s, const double *g, ptrdiff_t n, double beta, double epsilon, double alpha);
/** Adam: v = beta1*v + (1-beta1)*g; s = beta2*s + (1-beta2)*(g*g);
 *  p = p - alpha*(v/correction1) / (sqrt(s/correction2) + epsilon). */
void bp_adam_f32(float *p, float *v, float *s, const float *g, ptrdiff_t n, float beta1, float beta2,
                 float correction1, float correction2, float epsilon, float alpha);
/** Double-precision bp_adam_f32. */
void bp_adam_f64(double *p, double *v, double *s, const double *g, ptrdiff_t n, double beta1, double beta2,
                 double correction1, double correction2, double epsilon, double alpha);

/* ---- the first layer of full-batch gradient descent, fused ----------------------------- */

/**
 * One gradient-descent update of the first layer's weights and the next forward product, in
 * one pass over X (each block of X's rows is read from memory once and used twice):
 *
 *   dW1 = grad_scale * (dZ1 . X^T) + l2 * W1      (each operation rounded, in this order)
 *   W1' = W1 + (-learning_rate) * dW1             -> w_next
 *   Z1' = W1' . X                                 -> z_next (skipped when z_next is NULL)
 *
 * Shapes: dz (n1, m), x (n0, m), w and w_next (n1, n0), z_next (n1, m), all contiguous. The
 * results are bit for bit those of the separate steps (bp_sgemm into w_next, the scaling, the
 * update, bp_sgemm into z_next), on every thread count. Returns 1, or 0 as soon as a dW1 value
 * is a NaN or an infinity: then w is untouched and w_next and z_next hold partial results.
 * w and w_next must not overlap.
 */
int bp_first_layer_gd_f32(ptrdiff_t n1, ptrdiff_t n0, ptrdiff_t m, const float *dz, const float *x,
                          const float *w, float grad_scale, float l2, float learning_rate,
                          float *w_next, float *z_next);
/** Double-precision bp_first_layer_gd_f32. */
int bp_first_layer_gd_f64(ptrdiff_t n1, ptrdiff_t n0, ptrdiff_t m, const double *dz, const double *x,
                          const double *w, double grad_scale, double l2, double learning_rate,
                          double *w_next, double *z_next);

#ifdef __cplusplus
}
#endif
#endif
