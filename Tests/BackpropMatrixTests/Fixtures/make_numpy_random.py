#!/usr/bin/env python3
"""Writes numpy_random.txt: NumPy legacy-generator draws, as exact IEEE-754 bit patterns.

Run from this folder: python3 make_numpy_random.py   (needs numpy; any version with np.random.seed)

Format: for each seed, a line "seed S", then one line per call:
  "<call> <hex bits of each double, space separated>"  for randn/rand (float64 bit patterns)
  "permutation <n> <values>"                          for np.random.permutation(n)
Calls happen in file order after np.random.seed(S), so the stream (and the cached second
Gaussian of the polar method) carries across calls.
"""
import struct
import numpy as np

SEEDS = [0, 1, 3, 42, 4294967295]


def bits(x):
    return "%016x" % struct.unpack("<Q", struct.pack("<d", float(x)))[0]


lines = []
for seed in SEEDS:
    np.random.seed(seed)
    lines.append("seed %d" % seed)
    for call, size in [("randn", 1201), ("rand", 301), ("randn", 3), ("permutation", 50),
                       ("randn", 5), ("permutation", 7), ("rand", 2), ("randn", 1)]:
        if call == "randn":
            values = np.random.randn(size)
            lines.append("randn " + " ".join(bits(v) for v in values))
        elif call == "rand":
            values = np.random.rand(size)
            lines.append("rand " + " ".join(bits(v) for v in values))
        else:
            values = np.random.permutation(size)
            lines.append("permutation %d " % size + " ".join(str(int(v)) for v in values))

with open("numpy_random.txt", "w") as f:
    f.write("\n".join(lines) + "\n")
print("wrote numpy_random.txt with", sum(len(l.split()) - 1 for l in lines if not l.startswith("seed")), "values")
