#include "backprop_kernels.h"

int bp_kernels_version(void) { return 1; }
