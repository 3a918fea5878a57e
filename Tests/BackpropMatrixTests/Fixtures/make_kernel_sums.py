"""Writes kernel_sums.txt: NumPy's row sums (np.sum(x, axis=1)) of deterministic rows, as
exact bit patterns, for KernelElementwiseTests (Kernels.sum must match them bit for bit).

Row of length n, dtype float32 or float64, exactly representable in both (so Swift rebuilds it
exactly): x[j] = ((j * 7919 + n * 31) % 1000 - 500) * 2 ** -(6 + 3 * (j % 5)) (float32: * 1.1,
rounded to float32 -- the test does the same rounding). Run: python3 make_kernel_sums.py (NumPy 2.x).
Each line: dtype n sum-bits-hex sum-decimal
"""
import numpy as np

lines = []
for dt, bits in ((np.float32, np.uint32), (np.float64, np.uint64)):
    for n in (1, 5, 7, 8, 9, 15, 16, 17, 64, 127, 128, 129, 200, 209, 256, 1000, 4096, 12288):
        j = np.arange(n, dtype=np.int64)
        x = (((j * 7919 + n * 31) % 1000 - 500).astype(np.float64) * 2.0 ** -(6 + 3 * (j % 5))).astype(dt)
        x = (x * dt(1.1)).astype(dt).reshape(1, n)  # inexact digits, so order matters
        s = np.sum(x, axis=1)[0]
        lines.append(f"{np.dtype(dt).name} {n} {int(np.array(s, dtype=dt).view(bits)):x} {s!r}")
open("kernel_sums.txt", "w").write("\n".join(lines) + "\n")
