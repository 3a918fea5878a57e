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
#include <string.h>

#pragma STDC FP_CONTRACT OFF

/* X rows per pass block: whole KC blocks, about this many bytes of X per thread, so that a
 * block stays in L2 between its two uses. More threads take larger blocks: each block costs two
 * hand-offs to the pool, and with two threads one KC block per pass (20 x 384 x 209 floats)
 * measured slower than two separate products (median 4.3 s against 3.7 s for 2000 passes). */
#define BP_FIRST_LAYER_BLOCK_BYTES (512 * 1024)

#define FIRST_LAYER_GD(T, SUF, GEMM, KC, UINT, EXP_MASK)                                           \
    int bp_first_layer_gd_##SUF(ptrdiff_t n1, ptrdiff_t n0, ptrdiff_t m, const T *dz, const T *x,  \
                                const T *w, T grad_scale, T l2, T learning_rate, T *w_next,        \
                                T *z_next) {                                                       \
        if (n1 <= 0 || n0 <= 0 || m <= 0) return 1;                                                \
        const ptrdiff_t kc = KC(n1, m); /* the KC of W1' . X, an (n1, m) product */                \
        const size_t budget = (size_t)BP_FIRST_LAYER_BLOCK_BYTES * (size_t)bp_threads();           \
        ptrdiff_t units = (ptrdiff_t)(budget / ((size_t)kc * (size_t)m * sizeof(T)));               \
        if (units < 1) units = 1;                                                                  \
        const ptrdiff_t block = units * kc;                                                        \
        const T step = -learning_rate;                                                             \
        for (ptrdiff_t p0 = 0; p0 < n0; p0 += block) {                                             \
            const ptrdiff_t width = n0 - p0 < block ? n0 - p0 : block;                             \
            const T *xb = x + p0 * m;                                                              \
            /* dW1[:, p0 ..< p0 + width] = dZ1 . X[p0 ..< p0 + width, :]^T, into w_next */         \
            GEMM(0, 1, n1, width, m, (T)1, dz, m, xb, m, (T)0, w_next + p0, n0, 0);                 \
            UINT bad = 0;                                                                          \
            for (ptrdiff_t i = 0; i < n1; i++) {                                                   \
                T *d = w_next + i * n0 + p0;                                                       \
                const T *wi = w + i * n0 + p0;                                                     \
                if (grad_scale != 1)                                                               \
                    for (ptrdiff_t j = 0; j < width; j++) d[j] = d[j] * grad_scale;                \
                if (l2 != 0)                                                                       \
                    for (ptrdiff_t j = 0; j < width; j++) d[j] = d[j] + l2 * wi[j];                \
                /* a NaN or an infinity has every exponent bit set */                              \
                for (ptrdiff_t j = 0; j < width; j++) {                                            \
                    UINT u;                                                                        \
                    memcpy(&u, &d[j], sizeof u);                                                   \
                    bad |= (UINT)((u & EXP_MASK) == EXP_MASK);                                     \
                }                                                                                  \
            }                                                                                      \
            if (bad) return 0;                                                                     \
            for (ptrdiff_t i = 0; i < n1; i++) {                                                   \
                T *d = w_next + i * n0 + p0;                                                       \
                const T *wi = w + i * n0 + p0;                                                     \
                for (ptrdiff_t j = 0; j < width; j++) d[j] = wi[j] + step * d[j];                  \
            }                                                                                      \
            /* Z1' += W1'[:, block] . X[block, :], B still in cache */                             \
            if (z_next)                                                                            \
                GEMM(0, 0, n1, m, width, (T)1, w_next + p0, n0, xb, m, p0 == 0 ? (T)0 : (T)1,      \
                     z_next, m, 1);                                                                \
        }                                                                                          \
        return 1;                                                                                  \
    }

FIRST_LAYER_GD(float, f32, bp_sgemm_hinted, bp_gemm_kc_f32, unsigned int, 0x7F800000u)
FIRST_LAYER_GD(double, f64, bp_dgemm_hinted, bp_gemm_kc_f64, unsigned long long, 0x7FF0000000000000ull)
