/* Optimiser updates: gradient descent, momentum, RMSProp and Adam over one parameter tensor, in place.
 *
 * Every element is computed with the operations of the scalar definition, in the same order,
 * each rounded (no fused multiply-add: contraction is off in this file), so the AVX-512, AVX2
 * and portable paths give the same bits as each other and as BackpropNN's Swift reference
 * (OptimizerState's scalar steps), and as NumPy evaluating the course's formulas. Divisions and
 * square roots are IEEE-exact in every instruction set, which is what makes that possible.
 * Long tensors are split between threads at 64-element boundaries: a split never changes a bit. */
#include "backprop_kernels.h"
#include "bp_internal.h"

#include <math.h>

#if BP_X86
#include <immintrin.h>
#endif

#pragma STDC FP_CONTRACT OFF

/* Tensors below this many elements stay on one thread. */
#define BP_OPTIMIZER_PARALLEL (1 << 17)

/* ---- scalar definitions (the reference the vector paths follow) ---- */
#define SCALAR_STEPS(T, SUF, SQRT)                                                                \
    static void descent_scalar_##SUF(T *restrict p, const T *restrict g, ptrdiff_t n, T alpha) {   \
        for (ptrdiff_t i = 0; i < n; i++) p[i] = p[i] - alpha * g[i];                             \
    }                                                                                             \
    static void momentum_scalar_##SUF(T *restrict p, T *restrict v, const T *restrict g,         \
                                      ptrdiff_t n, T beta, T alpha) {                             \
        const T omb = (T)1 - beta;                                                                \
        for (ptrdiff_t i = 0; i < n; i++) {                                                       \
            v[i] = beta * v[i] + omb * g[i];                                                      \
            p[i] = p[i] - alpha * v[i];                                                           \
        }                                                                                         \
    }                                                                                             \
    static void rmsprop_scalar_##SUF(T *restrict p, T *restrict s, const T *restrict g,          \
                                     ptrdiff_t n, T beta, T eps, T alpha) {                       \
        const T omb = (T)1 - beta;                                                                \
        for (ptrdiff_t i = 0; i < n; i++) {                                                       \
            s[i] = beta * s[i] + omb * (g[i] * g[i]);                                             \
            p[i] = p[i] - alpha * g[i] / (SQRT(s[i]) + eps);                                      \
        }                                                                                         \
    }                                                                                             \
    static void adam_scalar_##SUF(T *restrict p, T *restrict v, T *restrict s,                    \
                                  const T *restrict g, ptrdiff_t n, T b1, T b2, T c1, T c2,       \
                                  T eps, T alpha) {                                               \
        const T omb1 = (T)1 - b1, omb2 = (T)1 - b2;                                               \
        for (ptrdiff_t i = 0; i < n; i++) {                                                       \
            v[i] = b1 * v[i] + omb1 * g[i];                                                       \
            T vhat = v[i] / c1;                                                                   \
            s[i] = b2 * s[i] + omb2 * (g[i] * g[i]);                                              \
            T shat = s[i] / c2;                                                                   \
            p[i] = p[i] - alpha * vhat / (SQRT(shat) + eps);                                      \
        }                                                                                         \
    }
SCALAR_STEPS(float, f32, sqrtf)
SCALAR_STEPS(double, f64, sqrt)

/* ---- vector paths: one macro body per register type ---- */
#if BP_X86
/* V: vector type, W: lanes, PRE: intrinsic prefix, SFX: ps/pd, ATTR: target attribute. */
#define VECTOR_STEPS(T, SUF, ISA, V, W, PRE, SFX, ATTR)                                           \
    static ATTR void descent_##ISA##_##SUF(T *restrict p, const T *restrict g, ptrdiff_t n,       \
                                           T alpha) {                                             \
        const V va = PRE##_set1_##SFX(alpha);                                                     \
        ptrdiff_t i = 0;                                                                          \
        for (; i + W <= n; i += W) {                                                              \
            PRE##_storeu_##SFX(p + i, PRE##_sub_##SFX(PRE##_loadu_##SFX(p + i),                   \
                                                      PRE##_mul_##SFX(va, PRE##_loadu_##SFX(g + i)))); \
        }                                                                                         \
        descent_scalar_##SUF(p + i, g + i, n - i, alpha);                                         \
    }                                                                                             \
    static ATTR void momentum_##ISA##_##SUF(T *restrict p, T *restrict v, const T *restrict g,   \
                                            ptrdiff_t n, T beta, T alpha) {                       \
        const V vb = PRE##_set1_##SFX(beta), vomb = PRE##_set1_##SFX((T)1 - beta);               \
        const V va = PRE##_set1_##SFX(alpha);                                                     \
        ptrdiff_t i = 0;                                                                          \
        for (; i + W <= n; i += W) {                                                              \
            V vv = PRE##_add_##SFX(PRE##_mul_##SFX(vb, PRE##_loadu_##SFX(v + i)),                 \
                                   PRE##_mul_##SFX(vomb, PRE##_loadu_##SFX(g + i)));              \
            PRE##_storeu_##SFX(v + i, vv);                                                        \
            PRE##_storeu_##SFX(p + i, PRE##_sub_##SFX(PRE##_loadu_##SFX(p + i),                   \
                                                      PRE##_mul_##SFX(va, vv)));                  \
        }                                                                                         \
        momentum_scalar_##SUF(p + i, v + i, g + i, n - i, beta, alpha);                           \
    }                                                                                             \
    static ATTR void rmsprop_##ISA##_##SUF(T *restrict p, T *restrict s, const T *restrict g,    \
                                           ptrdiff_t n, T beta, T eps, T alpha) {                 \
        const V vb = PRE##_set1_##SFX(beta), vomb = PRE##_set1_##SFX((T)1 - beta);               \
        const V va = PRE##_set1_##SFX(alpha), ve = PRE##_set1_##SFX(eps);                         \
        ptrdiff_t i = 0;                                                                          \
        for (; i + W <= n; i += W) {                                                              \
            V vg = PRE##_loadu_##SFX(g + i);                                                      \
            V vs = PRE##_add_##SFX(PRE##_mul_##SFX(vb, PRE##_loadu_##SFX(s + i)),                 \
                                   PRE##_mul_##SFX(vomb, PRE##_mul_##SFX(vg, vg)));               \
            PRE##_storeu_##SFX(s + i, vs);                                                        \
            V step = PRE##_div_##SFX(PRE##_mul_##SFX(va, vg),                                     \
                                     PRE##_add_##SFX(PRE##_sqrt_##SFX(vs), ve));                  \
            PRE##_storeu_##SFX(p + i, PRE##_sub_##SFX(PRE##_loadu_##SFX(p + i), step));           \
        }                                                                                         \
        rmsprop_scalar_##SUF(p + i, s + i, g + i, n - i, beta, eps, alpha);                       \
    }                                                                                             \
    static ATTR void adam_##ISA##_##SUF(T *restrict p, T *restrict v, T *restrict s,              \
                                        const T *restrict g, ptrdiff_t n, T b1, T b2, T c1,       \
                                        T c2, T eps, T alpha) {                                   \
        const V vb1 = PRE##_set1_##SFX(b1), vomb1 = PRE##_set1_##SFX((T)1 - b1);                  \
        const V vb2 = PRE##_set1_##SFX(b2), vomb2 = PRE##_set1_##SFX((T)1 - b2);                  \
        const V vc1 = PRE##_set1_##SFX(c1), vc2 = PRE##_set1_##SFX(c2);                           \
        const V va = PRE##_set1_##SFX(alpha), ve = PRE##_set1_##SFX(eps);                         \
        ptrdiff_t i = 0;                                                                          \
        for (; i + W <= n; i += W) {                                                              \
            V vg = PRE##_loadu_##SFX(g + i);                                                      \
            V vv = PRE##_add_##SFX(PRE##_mul_##SFX(vb1, PRE##_loadu_##SFX(v + i)),                \
                                   PRE##_mul_##SFX(vomb1, vg));                                   \
            PRE##_storeu_##SFX(v + i, vv);                                                        \
            V vhat = PRE##_div_##SFX(vv, vc1);                                                    \
            V vs = PRE##_add_##SFX(PRE##_mul_##SFX(vb2, PRE##_loadu_##SFX(s + i)),                \
                                   PRE##_mul_##SFX(vomb2, PRE##_mul_##SFX(vg, vg)));              \
            PRE##_storeu_##SFX(s + i, vs);                                                        \
            V shat = PRE##_div_##SFX(vs, vc2);                                                    \
            V step = PRE##_div_##SFX(PRE##_mul_##SFX(va, vhat),                                   \
                                     PRE##_add_##SFX(PRE##_sqrt_##SFX(shat), ve));                \
            PRE##_storeu_##SFX(p + i, PRE##_sub_##SFX(PRE##_loadu_##SFX(p + i), step));           \
        }                                                                                         \
        adam_scalar_##SUF(p + i, v + i, s + i, g + i, n - i, b1, b2, c1, c2, eps, alpha);         \
    }
VECTOR_STEPS(float, f32, z, __m512, 16, _mm512, ps, BP_AVX512)
VECTOR_STEPS(double, f64, z, __m512d, 8, _mm512, pd, BP_AVX512)
VECTOR_STEPS(float, f32, y, __m256, 8, _mm256, ps, BP_AVX2)
VECTOR_STEPS(double, f64, y, __m256d, 4, _mm256, pd, BP_AVX2)
#endif

/* ---- one job: the kind, the tensors, the constants; split at 64-element boundaries ---- */
enum { OPT_DESCENT, OPT_MOMENTUM, OPT_RMSPROP, OPT_ADAM };
typedef struct {
    int kind, f64;
    void *p, *v, *s;
    const void *g;
    ptrdiff_t n;
    double b1, b2, c1, c2, eps, alpha;
} opt_job;

#define RUN_RANGE(T, SUF)                                                                         \
    static void run_##SUF(const opt_job *j, ptrdiff_t lo, ptrdiff_t hi) {                         \
        T *p = (T *)j->p + lo, *v = j->v ? (T *)j->v + lo : NULL, *s = j->s ? (T *)j->s + lo : NULL; \
        const T *g = (const T *)j->g + lo;                                                        \
        ptrdiff_t n = hi - lo;                                                                    \
        T b1 = (T)j->b1, b2 = (T)j->b2, c1 = (T)j->c1, c2 = (T)j->c2, eps = (T)j->eps;            \
        T alpha = (T)j->alpha;                                                                    \
        int isa = bp_isa();                                                                       \
        switch (j->kind) {                                                                        \
        case OPT_DESCENT:                                                                         \
            IF_X86(if (isa == BP_ISA_AVX512) { descent_z_##SUF(p, g, n, alpha); return; }         \
                   if (isa == BP_ISA_AVX2) { descent_y_##SUF(p, g, n, alpha); return; })          \
            descent_scalar_##SUF(p, g, n, alpha);                                                 \
            return;                                                                               \
        case OPT_MOMENTUM:                                                                        \
            IF_X86(if (isa == BP_ISA_AVX512) { momentum_z_##SUF(p, v, g, n, b1, alpha); return; } \
                   if (isa == BP_ISA_AVX2) { momentum_y_##SUF(p, v, g, n, b1, alpha); return; })  \
            momentum_scalar_##SUF(p, v, g, n, b1, alpha);                                         \
            return;                                                                               \
        case OPT_RMSPROP:                                                                         \
            IF_X86(if (isa == BP_ISA_AVX512) { rmsprop_z_##SUF(p, s, g, n, b2, eps, alpha); return; } \
                   if (isa == BP_ISA_AVX2) { rmsprop_y_##SUF(p, s, g, n, b2, eps, alpha); return; }) \
            rmsprop_scalar_##SUF(p, s, g, n, b2, eps, alpha);                                     \
            return;                                                                               \
        default:                                                                                  \
            IF_X86(if (isa == BP_ISA_AVX512) { adam_z_##SUF(p, v, s, g, n, b1, b2, c1, c2, eps, alpha); return; } \
                   if (isa == BP_ISA_AVX2) { adam_y_##SUF(p, v, s, g, n, b1, b2, c1, c2, eps, alpha); return; }) \
            adam_scalar_##SUF(p, v, s, g, n, b1, b2, c1, c2, eps, alpha);                         \
            return;                                                                               \
        }                                                                                         \
    }
#if BP_X86
#define IF_X86(code) code
#else
#define IF_X86(code) (void)isa;
#endif
RUN_RANGE(float, f32)
RUN_RANGE(double, f64)

static void opt_task(void *ctx, int index, int count) {
    const opt_job *j = ctx;
    ptrdiff_t chunk = ((j->n + count - 1) / count + 63) & ~(ptrdiff_t)63;
    ptrdiff_t lo = chunk * index, hi = lo + chunk < j->n ? lo + chunk : j->n;
    if (lo >= hi) return;
    if (j->f64) run_f64(j, lo, hi); else run_f32(j, lo, hi);
}

static void opt_run(opt_job *j) {
    if (j->n <= 0) return;
    int threads = 1;
    if (j->n >= BP_OPTIMIZER_PARALLEL) {
        ptrdiff_t most = j->n / (BP_OPTIMIZER_PARALLEL / 2);
        threads = most < bp_threads() ? (int)most : bp_threads();
    }
    bp_parallel(threads, opt_task, j);
}

void bp_descent_f32(float *p, const float *g, ptrdiff_t n, float alpha) {
    opt_job j = {OPT_DESCENT, 0, p, NULL, NULL, g, n, 0, 0, 0, 0, 0, alpha};
    opt_run(&j);
}
void bp_descent_f64(double *p, const double *g, ptrdiff_t n, double alpha) {
    opt_job j = {OPT_DESCENT, 1, p, NULL, NULL, g, n, 0, 0, 0, 0, 0, alpha};
    opt_run(&j);
}
void bp_momentum_f32(float *p, float *v, const float *g, ptrdiff_t n, float beta, float alpha) {
    opt_job j = {OPT_MOMENTUM, 0, p, v, NULL, g, n, beta, 0, 0, 0, 0, alpha};
    opt_run(&j);
}
void bp_momentum_f64(double *p, double *v, const double *g, ptrdiff_t n, double beta, double alpha) {
    opt_job j = {OPT_MOMENTUM, 1, p, v, NULL, g, n, beta, 0, 0, 0, 0, alpha};
    opt_run(&j);
}
void bp_rmsprop_f32(float *p, float *s, const float *g, ptrdiff_t n, float beta, float epsilon, float alpha) {
    opt_job j = {OPT_RMSPROP, 0, p, NULL, s, g, n, 0, beta, 0, 0, epsilon, alpha};
    opt_run(&j);
}
void bp_rmsprop_f64(double *p, double *s, const double *g, ptrdiff_t n, double beta, double epsilon, double alpha) {
    opt_job j = {OPT_RMSPROP, 1, p, NULL, s, g, n, 0, beta, 0, 0, epsilon, alpha};
    opt_run(&j);
}
void bp_adam_f32(float *p, float *v, float *s, const float *g, ptrdiff_t n, float beta1, float beta2,
                 float correction1, float correction2, float epsilon, float alpha) {
    opt_job j = {OPT_ADAM, 0, p, v, s, g, n, beta1, beta2, correction1, correction2, epsilon, alpha};
    opt_run(&j);
}
void bp_adam_f64(double *p, double *v, double *s, const double *g, ptrdiff_t n, double beta1, double beta2,
                 double correction1, double correction2, double epsilon, double alpha) {
    opt_job j = {OPT_ADAM, 1, p, v, s, g, n, beta1, beta2, correction1, correction2, epsilon, alpha};
    opt_run(&j);
}
