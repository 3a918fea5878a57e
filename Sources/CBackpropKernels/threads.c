/* Threads: the thread-count setting, a small persistent worker pool, per-thread scratch. */
#define _GNU_SOURCE
#include "backprop_kernels.h"
#include "bp_internal.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BP_MAX_THREADS 64

static atomic_int g_threads;
static pthread_once_t g_threads_once = PTHREAD_ONCE_INIT;

int bp_processor_count(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1) n = 1;
    if (n > BP_MAX_THREADS) n = BP_MAX_THREADS;
    return (int)n;
}

static void threads_init(void) {
    int n = bp_processor_count();
    const char *env = getenv("BACKPROP_THREADS");
    if (env && *env) {
        char *end = NULL;
        long v = strtol(env, &end, 10);
        if (end && *end == 0 && v >= 1) n = v > BP_MAX_THREADS ? BP_MAX_THREADS : (int)v;
    }
    atomic_store(&g_threads, n);
}

int bp_threads(void) {
    pthread_once(&g_threads_once, threads_init);
    return atomic_load_explicit(&g_threads, memory_order_relaxed);
}

void bp_set_threads(int count) {
    pthread_once(&g_threads_once, threads_init);
    if (count < 1) count = 1;
    if (count > BP_MAX_THREADS) count = BP_MAX_THREADS;
    atomic_store(&g_threads, count);
}

/* ---- pool ---------------------------------------------------------------------------------
 * Workers 1..started-1 wait for a new generation number; the caller publishes a job, bumps the
 * generation, runs part 0 and spins until every worker has reported. Workers spin for a short
 * while after a job (the next call usually comes within microseconds in a training loop) and
 * then sleep on a condition variable, so an idle program costs nothing. */

static pthread_mutex_t pool_busy = PTHREAD_MUTEX_INITIALIZER; /* held by the running caller */
static pthread_mutex_t wake_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake_cv = PTHREAD_COND_INITIALIZER;
static atomic_ulong generation;
static atomic_int remaining;
static atomic_int sleepers;
static int started = 1; /* threads in the pool, the caller included; guarded by pool_busy */
static atomic_ulong dispatches; /* jobs that ran on more than one thread */
static bp_task_fn job_fn;
static void *job_ctx;
static int job_count;

static inline void cpu_relax(void) {
#if BP_X86
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

#define SPIN_SECONDS 300e-6

/* The generation current when worker i was created (its first job is the next one). */
static unsigned long start_generation[BP_MAX_THREADS];

static void *worker_main(void *arg) {
    int id = (int)(intptr_t)arg;
    unsigned long seen = start_generation[id];
    for (;;) {
        unsigned long g = atomic_load_explicit(&generation, memory_order_acquire);
        if (g == seen) {
            double until = now_seconds() + SPIN_SECONDS;
            int spins = 0;
            while ((g = atomic_load_explicit(&generation, memory_order_acquire)) == seen) {
                cpu_relax();
                if ((++spins & 255) == 0 && now_seconds() > until) {
                    pthread_mutex_lock(&wake_mu);
                    atomic_fetch_add(&sleepers, 1);
                    while ((g = atomic_load(&generation)) == seen) pthread_cond_wait(&wake_cv, &wake_mu);
                    atomic_fetch_sub(&sleepers, 1);
                    pthread_mutex_unlock(&wake_mu);
                    break;
                }
            }
        }
        seen = g;
        if (id < job_count) job_fn(job_ctx, id, job_count);
        atomic_fetch_sub_explicit(&remaining, 1, memory_order_acq_rel);
    }
    return NULL;
}

static void run_serially(int count, bp_task_fn fn, void *ctx) {
    for (int i = 0; i < count; i++) fn(ctx, i, count);
}

void bp_parallel(int count, bp_task_fn fn, void *ctx) {
    if (count <= 1) { run_serially(count, fn, ctx); return; }
    if (pthread_mutex_trylock(&pool_busy) != 0) { run_serially(count, fn, ctx); return; }
    while (started < count) {
        pthread_t t;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        start_generation[started] = atomic_load(&generation);
        int rc = pthread_create(&t, &attr, worker_main, (void *)(intptr_t)started);
        pthread_attr_destroy(&attr);
        if (rc != 0) break;
        started++;
    }
    if (started < count) count = started; /* could not start more: fewer, larger parts */
    if (count <= 1) {
        pthread_mutex_unlock(&pool_busy);
        run_serially(1, fn, ctx);
        return;
    }
    atomic_fetch_add_explicit(&dispatches, 1, memory_order_relaxed);
    job_fn = fn;
    job_ctx = ctx;
    job_count = count;
    atomic_store_explicit(&remaining, started - 1, memory_order_relaxed);
    pthread_mutex_lock(&wake_mu);
    atomic_fetch_add_explicit(&generation, 1, memory_order_release);
    if (atomic_load(&sleepers) > 0) pthread_cond_broadcast(&wake_cv);
    pthread_mutex_unlock(&wake_mu);
    fn(ctx, 0, count);
    int spins = 0;
    while (atomic_load_explicit(&remaining, memory_order_acquire) > 0) {
        cpu_relax();
        if (++spins > 4096) { sched_yield(); spins = 0; }
    }
    pthread_mutex_unlock(&pool_busy);
}

unsigned long bp_parallel_dispatches(void) { return atomic_load(&dispatches); }

/* ---- per-thread scratch ---- */

#define SCRATCH_SLOTS 4
typedef struct { void *p[SCRATCH_SLOTS]; size_t cap[SCRATCH_SLOTS]; } scratch_t;
static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;

static void scratch_free(void *v) {
    scratch_t *s = v;
    for (int i = 0; i < SCRATCH_SLOTS; i++) free(s->p[i]);
    free(s);
}
static void scratch_init(void) { pthread_key_create(&scratch_key, scratch_free); }

void *bp_scratch(int slot, size_t bytes) {
    pthread_once(&scratch_once, scratch_init);
    scratch_t *s = pthread_getspecific(scratch_key);
    if (!s) {
        s = calloc(1, sizeof *s);
        if (!s) abort();
        pthread_setspecific(scratch_key, s);
    }
    if (s->cap[slot] < bytes) {
        free(s->p[slot]);
        size_t cap = (bytes + 4095) & ~(size_t)4095;
        void *p = NULL;
        if (posix_memalign(&p, 64, cap) != 0) abort();
        s->p[slot] = p;
        s->cap[slot] = cap;
    }
    return s->p[slot];
}
