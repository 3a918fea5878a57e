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
 * A job is `count` parts. Its state is one 64-bit word: generation (32 bits) | count (16) |
 * next unclaimed part (16). The caller publishes a job by storing a new state, then every
 * thread, the caller included, claims parts with a compare-and-swap on that word and runs them;
 * the caller returns once every part has reported done. A worker that is slow to wake (an idle
 * virtual CPU can take hundreds of microseconds) therefore never delays the caller: the caller
 * runs the parts nobody has claimed. Which thread runs a part never changes a result: the
 * kernels compute every element of a part the same way wherever it runs.
 * Workers spin for a while after a job (in a training loop the next one usually comes within a
 * few hundred microseconds) and then sleep on a condition variable, so an idle program costs
 * nothing. */

static pthread_mutex_t pool_busy = PTHREAD_MUTEX_INITIALIZER; /* held by the running caller */
static pthread_mutex_t wake_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake_cv = PTHREAD_COND_INITIALIZER;
static _Atomic uint64_t job_state;  /* generation << 32 | count << 16 | next part */
static atomic_int job_done;         /* parts of the current job finished */
static atomic_int sleepers;
static int started = 1; /* threads in the pool, the caller included; guarded by pool_busy */
static _Thread_local unsigned long thread_dispatches; /* jobs this thread handed to the pool */
/* The current job's function and context: written by the caller before it publishes the job's
 * state (release), read by a thread after it has claimed a part of that job (the job cannot
 * finish, so they cannot change, until that part is done). */
static _Atomic(bp_task_fn) job_fn;
static _Atomic(void *) job_ctx;

#define STATE_GENERATION(s) ((uint32_t)((s) >> 32))
#define STATE_COUNT(s) ((int)(((s) >> 16) & 0xffff))
#define STATE_NEXT(s) ((int)((s) & 0xffff))

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

/* How long a worker spins after a job before it sleeps. */
#define SPIN_SECONDS 2e-3

/* Claims and runs parts of the job whose state was last seen as `s`, until none is left. */
static void claim_parts(uint64_t s) {
    while (STATE_NEXT(s) < STATE_COUNT(s)) {
        if (atomic_compare_exchange_weak_explicit(&job_state, &s, s + 1, memory_order_acq_rel, memory_order_acquire)) {
            bp_task_fn fn = atomic_load_explicit(&job_fn, memory_order_relaxed);
            void *ctx = atomic_load_explicit(&job_ctx, memory_order_relaxed);
            fn(ctx, STATE_NEXT(s), STATE_COUNT(s));
            atomic_fetch_add_explicit(&job_done, 1, memory_order_release);
            s = atomic_load_explicit(&job_state, memory_order_acquire);
        }
        /* On failure s holds the current state (perhaps a newer job's): check it again. */
    }
}

static void *worker_main(void *arg) {
    uint32_t seen = (uint32_t)(uintptr_t)arg; /* the generation current when it was created */
    for (;;) {
        uint64_t s = atomic_load_explicit(&job_state, memory_order_acquire);
        if (STATE_GENERATION(s) == seen) {
            double until = now_seconds() + SPIN_SECONDS;
            int spins = 0;
            while (STATE_GENERATION(s = atomic_load_explicit(&job_state, memory_order_acquire)) == seen) {
                cpu_relax();
                if ((++spins & 255) == 0 && now_seconds() > until) {
                    pthread_mutex_lock(&wake_mu);
                    atomic_fetch_add(&sleepers, 1);
                    while (STATE_GENERATION(s = atomic_load(&job_state)) == seen) pthread_cond_wait(&wake_cv, &wake_mu);
                    atomic_fetch_sub(&sleepers, 1);
                    pthread_mutex_unlock(&wake_mu);
                    break;
                }
            }
        }
        seen = STATE_GENERATION(s);
        claim_parts(s);
    }
    return NULL;
}

static void run_serially(int count, bp_task_fn fn, void *ctx) {
    for (int i = 0; i < count; i++) fn(ctx, i, count);
}

void bp_parallel(int count, bp_task_fn fn, void *ctx) {
    if (count <= 1) { run_serially(count, fn, ctx); return; }
    if (pthread_mutex_trylock(&pool_busy) != 0) { run_serially(count, fn, ctx); return; }
    if (count > 0xffff) count = 0xffff;
    while (started < count) {
        pthread_t t;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        uint32_t generation = STATE_GENERATION(atomic_load(&job_state));
        int rc = pthread_create(&t, &attr, worker_main, (void *)(uintptr_t)generation);
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
    thread_dispatches++;
    atomic_store_explicit(&job_fn, fn, memory_order_relaxed);
    atomic_store_explicit(&job_ctx, ctx, memory_order_relaxed);
    atomic_store_explicit(&job_done, 0, memory_order_relaxed);
    uint64_t generation = STATE_GENERATION(atomic_load_explicit(&job_state, memory_order_relaxed)) + 1u;
    uint64_t s = (generation & 0xffffffffu) << 32 | (uint64_t)count << 16;
    /* Sequentially consistent store and load, against the worker's increment of sleepers and
     * load of the state: one of the two sees the other, so a wake-up is never lost. */
    atomic_store(&job_state, s);
    if (atomic_load(&sleepers) > 0) {
        pthread_mutex_lock(&wake_mu);
        pthread_cond_broadcast(&wake_cv);
        pthread_mutex_unlock(&wake_mu);
    }
    claim_parts(s);
    int spins = 0;
    while (atomic_load_explicit(&job_done, memory_order_acquire) < count) {
        cpu_relax();
        if (++spins > 4096) { sched_yield(); spins = 0; }
    }
    pthread_mutex_unlock(&pool_busy);
}

unsigned long bp_parallel_dispatches_on_this_thread(void) { return thread_dispatches; }

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
