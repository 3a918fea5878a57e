#ifndef BACKPROP_KERNELS_H
#define BACKPROP_KERNELS_H
/// Version of the kernel library, for diagnostics.
int bp_kernels_version(void);
#endif
