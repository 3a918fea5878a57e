/* The first layer's gradient-descent step and the next forward product, in one pass over X.
 *
 * Full-batch training reads the same X (n0, m) twice per iteration: dW1 = dZ1 . X^T at the end
 * of the backward pass, and Z1 = W1 . X at the start of the next forward pass. When X is larger
 * than the caches (the course's cat data: 12288 x 209, 10 MB in float, 20 MB in double), both
 * products stream it from memory. Between them lies only the update W1 <- W1 - lr dW1, which is
 * element-wise, so the three can run block by block over the rows of X (the features): each
 * block of X is read from memory once, for its columns of dW1, then used again from cache for
 * its share of the next Z1.
 *
 * Same bits as the separate steps: the products are the same GEMM calls on sub-blocks. The
 * GEMM accumulates every element of C one KC block of the inner dimension at a time, in order
 * (C = acc for the first block, C = acc + C after); the blocks here are whole multiples of KC,
 * so the next Z1 is built from the same sums in the same order as W1' . X in one call. dW1's
 * columns are independent, and the element-wise formulas are written as the Swift update
 * writes them, each operation rounded (contraction off below). */
#include "backprop_kernels.h"
#include "bp_internal.h"

#pragma STDC FP_CONTRACT OFF

/* X rows per pass block: whole KC blocks, about this many bytes of X per thread, so that a
 * block stays in L2 between its two uses. More threads take larger blocks: each block costs two
 * hand-offs to the pool, and with two threads one KC block per pass (20 x 384 x 209 floats)
 * measured slower than two separate products (median 4.3 s against 3.7 s for 2000 passes, when
 * the element-wise part still ran on one thread). */
#define BP_FIRST_LAYER_BLOCK_BYTES (512 * 1024)

/* Columns of dW per thread part: whole groups of this many (a register tile's width). */
#define BP_FIRST_LAYER_GROUP 32

/* One block of the pass, [p0, p0 + width) of X's rows, split between threads by columns of dW:
 * each part computes its columns of dW1 (as the whole product would: blocking_n = n0) and
 * updates the same columns of W1, so the element-wise work runs on every thread too. */
#define FIRST_LAYER_GD(T, SUF, GEMM, KC, FINITE)                                                     \
    typedef struct {                                                                               \
        ptrdiff_t n1, n0, m, p0, width;                                                            \
        const T *dz, *x, *w;                                                                       \
        T grad_scale, l2, step;                                                                    \
        T *w_next;                                                                                 \
        int bad;                                                                                   \
    } first_layer_block_##SUF;                                                                     \
                                                                                                   \
    static void first_layer_part_##SUF(void *context, int index, int count) {                      \
        first_layer_block_##SUF *c = context;                                                      \
        const ptrdiff_t groups = (c->width + BP_FIRST_LAYER_GROUP - 1) / BP_FIRST_LAYER_GROUP;     \
        const ptrdiff_t j0 = groups * index / count * BP_FIRST_LAYER_GROUP;                        \
        ptrdiff_t j1 = groups * (index + 1) / count * BP_FIRST_LAYER_GROUP;                        \
        if (j1 > c->width) j1 = c->width;                                                          \
        if (j0 >= j1) return;                                                                      \
        const ptrdiff_t n0 = c->n0, cols = j1 - j0, first = c->p0 + j0;                            \
        /* dW1[:, first ..< first + cols] = dZ1 . X[first ..< first + cols, :]^T, into w_next */    \
        const bp_gemm_options whole = {0, n0, 1};                                                  \
        GEMM(0, 1, c->n1, cols, c->m, (T)1, c->dz, c->m, c->x + first * c->m, c->m, (T)0,          \
             c->w_next + first, n0, &whole);                                                       \
        /* dW = dW * s; dW = dW + l2 * W; W' = W + (-lr) * dW, each operation rounded (scalars  \
         * in locals: loads through c might alias d, which would stop vectorisation) */          \
        const T scale = c->grad_scale, l2 = c->l2, step = c->step;                                 \
        int bad = 0;                                                                               \
        for (ptrdiff_t i = 0; i < c->n1; i++) {                                                    \
            T *restrict d = c->w_next + i * n0 + first;                                            \
            const T *restrict wi = c->w + i * n0 + first;                                          \
            if (scale != 1)                                                                        \
                for (ptrdiff_t j = 0; j < cols; j++) d[j] = d[j] * scale;                          \
            if (l2 != 0)                                                                           \
                for (ptrdiff_t j = 0; j < cols; j++) d[j] = d[j] + l2 * wi[j];                     \
            if (!FINITE(d, cols)) bad = 1; /* the row of dW, still in L1 */                        \
            for (ptrdiff_t j = 0; j < cols; j++) d[j] = wi[j] + step * d[j];                       \
        }                                                                                          \
        if (bad) __atomic_fetch_or(&c->bad, 1, __ATOMIC_RELAXED);                                  \
    }                                                                                              \
                                                                                                   \
    int bp_first_layer_gd_##SUF(ptrdiff_t n1, ptrdiff_t n0, ptrdiff_t m, const T *dz, const T *x,  \
                                const T *w, T grad_scale, T l2, T learning_rate, T *w_next,        \
                                T *z_next) {                                                       \
        if (n1 <= 0 || n0 <= 0 || m <= 0) return 1;                                                \
        const int threads = bp_threads();                                                          \
        const ptrdiff_t kc = KC(n1, m); /* the KC of W1' . X, an (n1, m) product */                \
        const size_t budget = (size_t)BP_FIRST_LAYER_BLOCK_BYTES * (size_t)threads;                \
        ptrdiff_t units = (ptrdiff_t)(budget / ((size_t)kc * (size_t)m * sizeof(T)));               \
        if (units < 1) units = 1;                                                                  \
        const ptrdiff_t block = units * kc;                                                        \
        const bp_gemm_options cached = {1, 0, 0};                                                  \
        for (ptrdiff_t p0 = 0; p0 < n0; p0 += block) {                                             \
            const ptrdiff_t width = n0 - p0 < block ? n0 - p0 : block;                             \
            first_layer_block_##SUF c = {n1, n0, m, p0, width, dz, x, w, grad_scale, l2,           \
                                         -learning_rate, w_next, 0};                               \
            const ptrdiff_t groups = (width + BP_FIRST_LAYER_GROUP - 1) / BP_FIRST_LAYER_GROUP;    \
            int parts = threads;                                                                   \
            if (2.0 * (double)n1 * (double)width * (double)m < BP_GEMM_PARALLEL_FLOPS) parts = 1;  \
            if (parts > groups) parts = (int)groups;                                               \
            if (parts > 1) bp_parallel(parts, first_layer_part_##SUF, &c);                         \
            else first_layer_part_##SUF(&c, 0, 1);                                                 \
            if (c.bad) return 0;                                                                   \
            /* Z1' += W1'[:, block] . X[block, :], X's block still in cache */                     \
            if (z_next)                                                                            \
                GEMM(0, 0, n1, m, width, (T)1, w_next + p0, n0, x + p0 * m, m,                     \
                     p0 == 0 ? (T)0 : (T)1, z_next, m, &cached);                                   \
        }                                                                                          \
        return 1;                                                                                  \
    }

FIRST_LAYER_GD(float, f32, bp_sgemm_ex, bp_gemm_kc_f32, bp_all_finite_f32)
FIRST_LAYER_GD(double, f64, bp_dgemm_ex, bp_gemm_kc_f64, bp_all_finite_f64)
