/* Version and instruction-set detection. */
#include "backprop_kernels.h"
#include "bp_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

int bp_kernels_version(void) { return 2; }

static int g_isa = BP_ISA_PORTABLE;
static pthread_once_t g_isa_once = PTHREAD_ONCE_INIT;

static void isa_init(void) {
    int isa = BP_ISA_PORTABLE;
#if BP_X86
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") &&
        __builtin_cpu_supports("fma"))
        isa = BP_ISA_AVX512;
    else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        isa = BP_ISA_AVX2;
#endif
    /* BACKPROP_ISA caps the choice (for testing the other paths on a capable machine). */
    const char *cap = getenv("BACKPROP_ISA");
    if (cap) {
        if (strcmp(cap, "portable") == 0) isa = BP_ISA_PORTABLE;
        else if (strcmp(cap, "avx2") == 0 && isa > BP_ISA_AVX2) isa = BP_ISA_AVX2;
    }
    g_isa = isa;
}

int bp_isa(void) {
    pthread_once(&g_isa_once, isa_init);
    return g_isa;
}

const char *bp_kernels_isa(void) {
    switch (bp_isa()) {
    case BP_ISA_AVX512: return "avx512";
    case BP_ISA_AVX2: return "avx2";
    default: return "portable";
    }
}
