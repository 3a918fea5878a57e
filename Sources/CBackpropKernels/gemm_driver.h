/* The GEMM driver, written once for float and double: included by gemm.c with
 *   T (element type), SUF (f32 / f64), FAMILY (bp_gemm_family_SUF), UKR (bp_ukr_SUF).
 *
 * BLIS loop order, for the part [m0, m1) x [n0, n1) of C that one thread owns:
 *   for jc in steps of NC            (columns of C / B)
 *     for pc in steps of KC          (the inner dimension; blocking from M and N, never split)
 *       pack B[pc.., jc..] into NR-wide panels   (or read B in place; see below)
 *       for ic in steps of MC        (rows of C / A)
 *         pack A[ic.., pc..] into MR-tall panels   (or read A in place; FN(reads_a_in_place_))
 *         for each NR panel, for each MR panel: micro-kernel (MR x NR tile of C)
 *
 * Why results do not depend on the thread count: every element of C is computed as the same
 * sequence of operations whatever tile, thread or panel it falls in: per KC block, an FMA chain
 * over p in order, then C = alpha * acc + beta * C (beta = 1 after the first block). The KC
 * blocking depends only on the kernel family, M and N (FN(blocking_)), and the inner dimension
 * is never split between threads; threads split only rows (M) or columns (N) of C. */

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define FN(name) CAT(name, SUF)

typedef struct {
    int ta, tb;
    ptrdiff_t m, n, k;
    T alpha, beta;
    const T *a;
    ptrdiff_t lda;
    const T *b;
    ptrdiff_t ldb;
    T *c;
    ptrdiff_t ldc;
    const FAMILY *f;
    int mr;          /* rows per micro-tile, from the whole M (not the thread's part) */
    int b_cached;    /* the caller's hint: B sits in cache (see bp_gemm_options) */
    ptrdiff_t kc, mc; /* the blocking, from M and N (FN(blocking_)) */
    int split_n;     /* 1: threads own column ranges; 0: row ranges */
    ptrdiff_t units; /* NR panels (split_n) or MR tiles (rows) to share out */
} FN(job_);

/* Packs rows [i0, i0 + mc) and steps [p0, p0 + kc) of op(A) into MR-tall panels, zero-padded:
 * panel r holds, for each step p, the MR values op(A)[i0 + r*MR + i][p0 + p]. */
static void FN(pack_a_)(T *restrict dst, const FN(job_) *g, ptrdiff_t i0, ptrdiff_t mc,
                        ptrdiff_t p0, ptrdiff_t kc) {
    const int MR = g->mr;
    for (ptrdiff_t ir = 0; ir < mc; ir += MR) {
        const int rows = (int)(mc - ir < MR ? mc - ir : MR);
        /* the instruction set's packs (masked vector copies, in-register transposes) when it has them */
        if (g->ta && g->f->pack_at) {
            g->f->pack_at(dst, g->a + p0 * g->lda + (i0 + ir), g->lda, kc, rows, MR);
            dst += kc * MR;
        } else if (!g->ta && g->f->pack_an) {
            g->f->pack_an(dst, g->a + (i0 + ir) * g->lda + p0, g->lda, kc, rows, MR);
            dst += kc * MR;
        } else if (g->ta) { /* op(A)[i][p] = a[p * lda + i]: MR contiguous values per step */
            const T *src = g->a + (p0)*g->lda + (i0 + ir);
            for (ptrdiff_t p = 0; p < kc; p++) {
                const T *s = src + p * g->lda;
                int i = 0;
                for (; i < rows; i++) dst[i] = s[i];
                for (; i < MR; i++) dst[i] = 0;
                dst += MR;
            }
        } else { /* op(A)[i][p] = a[i * lda + p]: walk each row, write with stride MR */
            const T *src = g->a + (i0 + ir) * g->lda + p0;
            for (int i = 0; i < MR; i++) {
                if (i < rows) {
                    const T *s = src + i * g->lda;
                    for (ptrdiff_t p = 0; p < kc; p++) dst[p * MR + i] = s[p];
                } else {
                    for (ptrdiff_t p = 0; p < kc; p++) dst[p * MR + i] = 0;
                }
            }
            dst += kc * MR;
        }
    }
}

/* Packs steps [p0, p0 + kc) and columns [j0, j0 + nc) of op(B) into NR-wide panels,
 * zero-padded: panel q holds, for each step p, the NR values op(B)[p0 + p][j0 + q*NR + j]. */
static void FN(pack_b_)(T *restrict dst, const FN(job_) *g, ptrdiff_t p0, ptrdiff_t kc,
                        ptrdiff_t j0, ptrdiff_t nc) {
    const int NR = g->f->nr;
    const ptrdiff_t ldb = g->ldb, panels = (nc + NR - 1) / NR;
    if (!g->tb) {
        /* op(B)[p][j] = b[p * ldb + j]: row by row through memory (sequential reads), each
         * row scattered to the panels */
        for (ptrdiff_t p = 0; p < kc; p++) {
            const T *s = g->b + (p0 + p) * ldb + j0;
            for (ptrdiff_t q = 0; q < panels; q++) {
                T *d = dst + q * kc * NR + p * NR;
                const ptrdiff_t w = nc - q * NR < NR ? nc - q * NR : NR;
                int j = 0;
                for (; j < w; j++) d[j] = s[q * NR + j];
                for (; j < NR; j++) d[j] = 0;
            }
        }
        return;
    }
    /* op(B)[p][j] = b[j * ldb + p]: the instruction set's in-register transposes when it has
     * them, else eight stored rows at a time, eight contiguous writes */
    for (ptrdiff_t q = 0; q < panels; q++, dst += kc * NR) {
        const int cols = (int)(nc - q * NR < NR ? nc - q * NR : NR);
        const T *src = g->b + (j0 + q * NR) * ldb + p0;
        if (g->f->pack_bt) {
            g->f->pack_bt(dst, src, ldb, kc, cols, NR);
            continue;
        }
        int j = 0;
        for (; j + 8 <= cols; j += 8) {
            const T *s = src + j * ldb;
            T *d = dst + j;
            for (ptrdiff_t p = 0; p < kc; p++, d += NR) {
                d[0] = s[p]; d[1] = s[ldb + p]; d[2] = s[2 * ldb + p]; d[3] = s[3 * ldb + p];
                d[4] = s[4 * ldb + p]; d[5] = s[5 * ldb + p]; d[6] = s[6 * ldb + p]; d[7] = s[7 * ldb + p];
            }
        }
        for (; j < cols; j++) {
            const T *s = src + j * ldb;
            for (ptrdiff_t p = 0; p < kc; p++) dst[p * NR + j] = s[p];
        }
        for (; j < NR; j++)
            for (ptrdiff_t p = 0; p < kc; p++) dst[p * NR + j] = 0;
    }
}

/* Whether the micro-kernels read op(A) where it is stored instead of packing it (see
 * BP_GEMM_A_IN_PLACE_BYTES): only with a family that has such kernels, and when an MR-tall
 * panel of kc steps fits in L1. */
static int FN(reads_a_in_place_)(const FN(job_) *g, ptrdiff_t kc_max) {
    return __atomic_load_n(&bp_gemm_a_in_place, __ATOMIC_RELAXED) && g->f->ukr_ua[1]
           && (size_t)g->mr * (size_t)kc_max * sizeof(T) <= BP_GEMM_A_IN_PLACE_BYTES;
}

static void FN(run_part_)(const FN(job_) *g, ptrdiff_t m0, ptrdiff_t m1, ptrdiff_t n0, ptrdiff_t n1) {
    const FAMILY *f = g->f;
    const int MR = g->mr, NR = f->nr;
    const UKR ukr = f->ukr[MR];
    const ptrdiff_t KC = g->kc;
    const ptrdiff_t MC = (g->mc / MR > 0 ? g->mc / MR : 1) * MR;
    const ptrdiff_t NC = f->nc;
    const ptrdiff_t mpart = m1 - m0, npart = n1 - n0;
    /* B is read in place when the kernel can, B is not transposed, and each B panel is used by
     * at most two micro-tiles (skinny op(A), as in W1 . X): packing would then cost more
     * memory traffic than it saves (for double only when B is in cache). */
    const int pack_b = !(f->reads_unpacked_b && (f->streams_unpacked_b || g->b_cached) && !g->tb && mpart <= 2 * MR);
    const ptrdiff_t kc_max = g->k < KC ? g->k : KC;
    const ptrdiff_t mc_max = mpart < MC ? ((mpart + MR - 1) / MR) * MR : MC;
    const ptrdiff_t nc_max = npart < NC ? ((npart + NR - 1) / NR) * NR : NC;
    const int skinny_bt = pack_b && g->tb && mpart <= MC;
    const int in_place_a = !skinny_bt && FN(reads_a_in_place_)(g, kc_max);
    T *abuf = in_place_a ? NULL : bp_scratch(0, sizeof(T) * (size_t)(mc_max * kc_max));
    /* op(A)[i][p] at a[i * ars + p * aps] when read in place */
    const ptrdiff_t ars = g->ta ? 1 : g->lda, aps = g->ta ? g->lda : 1;
    T *bbuf = pack_b ? bp_scratch(1, sizeof(T) * (size_t)(nc_max * kc_max)) : NULL;

    if (skinny_bt) {
        /* Skinny op(A) (one MC block, as dZ . X^T in W1) and transposed B: each B panel is used
         * by only the few micro-tiles of that block, so pack one panel at a time (its rows are
         * contiguous in memory) and use it at once, from L1, instead of writing an NC-wide packed
         * block out to L2/L3 and reading it back. (Not for non-transposed B: a panel would then
         * read kc rows by a large stride, which the row-by-row pack below streams instead.)
         * Same packed values and the same micro-kernel calls: the same bits as the loop below. */
        for (ptrdiff_t jc = n0; jc < n1; jc += NC) {
            const ptrdiff_t nc = n1 - jc < NC ? n1 - jc : NC;
            for (ptrdiff_t pc = 0; pc < g->k; pc += KC) {
                const ptrdiff_t kc = g->k - pc < KC ? g->k - pc : KC;
                const T beta = pc == 0 ? g->beta : (T)1;
                FN(pack_a_)(abuf, g, m0, mpart, pc, kc);
                for (ptrdiff_t jr = 0; jr < nc; jr += NR) {
                    const int nr = (int)(nc - jr < NR ? nc - jr : NR);
                    FN(pack_b_)(bbuf, g, pc, kc, jc + jr, nr);
                    for (ptrdiff_t ir = 0; ir < mpart; ir += MR) {
                        const int mr = (int)(mpart - ir < MR ? mpart - ir : MR);
                        ukr(kc, abuf + (ir / MR) * kc * MR, bbuf, NR,
                            g->c + (m0 + ir) * g->ldc + jc + jr, g->ldc, mr, nr, g->alpha, beta);
                    }
                }
            }
        }
        return;
    }
    for (ptrdiff_t jc = n0; jc < n1; jc += NC) {
        const ptrdiff_t nc = n1 - jc < NC ? n1 - jc : NC;
        for (ptrdiff_t pc = 0; pc < g->k; pc += KC) {
            const ptrdiff_t kc = g->k - pc < KC ? g->k - pc : KC;
            const T beta = pc == 0 ? g->beta : (T)1;
            if (pack_b) FN(pack_b_)(bbuf, g, pc, kc, jc, nc);
            for (ptrdiff_t ic = m0; ic < m1; ic += MC) {
                const ptrdiff_t mc = m1 - ic < MC ? m1 - ic : MC;
                if (!in_place_a) FN(pack_a_)(abuf, g, ic, mc, pc, kc);
                for (ptrdiff_t jr = 0; jr < nc; jr += NR) {
                    const int nr = (int)(nc - jr < NR ? nc - jr : NR);
                    const T *bp;
                    ptrdiff_t rsb;
                    if (pack_b) { bp = bbuf + (jr / NR) * kc * NR; rsb = NR; }
                    else { bp = g->b + pc * g->ldb + jc + jr; rsb = g->ldb; }
                    for (ptrdiff_t ir = 0; ir < mc; ir += MR) {
                        const int mr = (int)(mc - ir < MR ? mc - ir : MR);
                        T *ct = g->c + (ic + ir) * g->ldc + jc + jr;
                        if (in_place_a) {
                            f->ukr_ua[mr](kc, g->a + (ic + ir) * ars + pc * aps, ars, aps, bp, rsb, ct, g->ldc, mr, nr, g->alpha, beta);
                        } else {
                            ukr(kc, abuf + (ir / MR) * kc * MR, bp, rsb, ct, g->ldc, mr, nr, g->alpha, beta);
                        }
                    }
                }
            }
        }
    }
}

static void FN(task_)(void *ctx, int index, int count) {
    const FN(job_) *g = ctx;
    /* contiguous, near-equal shares of whole units (panels or tiles) */
    const ptrdiff_t base = g->units / count, extra = g->units % count;
    const ptrdiff_t u0 = index * base + (index < extra ? index : extra);
    const ptrdiff_t u1 = u0 + base + (index < extra ? 1 : 0);
    if (u0 >= u1) return;
    if (g->split_n) {
        const ptrdiff_t NR = g->f->nr;
        const ptrdiff_t n0 = u0 * NR, n1 = u1 * NR < g->n ? u1 * NR : g->n;
        FN(run_part_)(g, 0, g->m, n0, n1);
    } else {
        const ptrdiff_t MR = g->mr;
        const ptrdiff_t m0 = u0 * MR, m1 = u1 * MR < g->m ? u1 * MR : g->m;
        FN(run_part_)(g, m0, m1, 0, g->n);
    }
}

/* KC and MC for an (m, n) product (see bp_gemm_family_f32). They depend on nothing else (not
 * K, not the thread count), so a product split into calls over blocks of the inner dimension
 * that are whole multiples of KC accumulates exactly as one call does. */
static void FN(blocking_)(const FAMILY *f, ptrdiff_t m, ptrdiff_t n, ptrdiff_t *kc, ptrdiff_t *mc) {
    const int large = f->kc_large > 0 && m > 2 * (ptrdiff_t)f->mr_max
                      && (size_t)m * (size_t)n * sizeof(T) >= BP_GEMM_LARGE_C_BYTES;
    *kc = large ? f->kc_large : f->kc;
    *mc = large ? f->mc_large : f->mc;
}

static ptrdiff_t FN(kc_)(const FAMILY *f, ptrdiff_t m, ptrdiff_t n) {
    ptrdiff_t kc, mc;
    FN(blocking_)(f, m, n, &kc, &mc);
    return kc;
}

/* C = beta * C (the whole product when k == 0 or alpha == 0, as BLAS defines it). */
static void FN(scale_c_)(ptrdiff_t m, ptrdiff_t n, T beta, T *c, ptrdiff_t ldc) {
    for (ptrdiff_t i = 0; i < m; i++) {
        T *ci = c + i * ldc;
        if (beta == 0) for (ptrdiff_t j = 0; j < n; j++) ci[j] = 0;
        else if (beta != 1) for (ptrdiff_t j = 0; j < n; j++) ci[j] *= beta;
    }
}

static void FN(gemm_)(const FAMILY *f, int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                      T alpha, const T *a, ptrdiff_t lda, const T *b, ptrdiff_t ldb,
                      T beta, T *c, ptrdiff_t ldc, const bp_gemm_options *options) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0 || alpha == 0) { FN(scale_c_)(m, n, beta, c, ldc); return; }
    const int b_cached = options ? options->b_cached : 0;
    FN(job_) g = {ta != 0, tb != 0, m, n, k, alpha, beta, a, lda, b, ldb, c, ldc, f, 0, b_cached != 0, 0, 0, 1, 0};
    FN(blocking_)(f, m, options && options->blocking_n > 0 ? options->blocking_n : n, &g.kc, &g.mc);
    /* MR from M: the fewest row tiles, then the shortest tile that keeps that count
     * (M = 20 with MR <= 14 gives two tiles of 10, not 14 + 6). */
    const ptrdiff_t tiles = (m + f->mr_max - 1) / f->mr_max;
    g.mr = (int)((m + tiles - 1) / tiles);
    const ptrdiff_t m_tiles = (m + g.mr - 1) / g.mr, n_panels = (n + f->nr - 1) / f->nr;

    int threads = options && options->single_thread ? 1 : bp_threads();
    const double flops = 2.0 * (double)m * (double)n * (double)k;
    if (flops < BP_GEMM_PARALLEL_FLOPS) threads = 1;
    if (threads > 1) {
        /* Split the dimension whose busiest thread gets the fewest tiles. On a tie, split the
         * longer side: every thread packs all of the operand along the other side (splitting
         * columns, each packs all of A; splitting rows, all of B), so the shorter one is packed
         * twice. (W3's 1024 x 256 x 784 on 2 threads: rows 182-188 GFLOP/s, columns 151-181;
         * dZ . X^T, 20 x 12288: columns, or both threads would transpose all of X.) */
        const ptrdiff_t t = threads;
        const ptrdiff_t cost_n = m_tiles * ((n_panels + t - 1) / t);
        const ptrdiff_t cost_m = ((m_tiles + t - 1) / t) * n_panels;
        g.split_n = cost_n < cost_m || (cost_n == cost_m && n >= m);
        g.units = g.split_n ? n_panels : m_tiles;
        if (g.units < threads) threads = (int)g.units;
    } else {
        g.split_n = 1;
        g.units = n_panels;
    }
    if (threads <= 1) {
        FN(run_part_)(&g, 0, m, 0, n);
    } else {
        bp_parallel(threads, FN(task_), &g);
    }
}

#undef FN
#undef CAT
#undef CAT_
