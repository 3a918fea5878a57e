#!/usr/bin/env python3
"""Compares safetensors models written by `mpirun -np N backprop train` with one process's.

    python3 .ci/check_mpi_models.py ONE.safetensors OTHER.safetensors... [--tolerance 1e-12]

Every tensor of every other model must have the names, shapes and dtypes of ONE's and values
within the tolerance, relative to the largest magnitude of ONE's tensor (at least 1): N ranks
add the ranks' shares of each gradient in another order than one process. Exits 1 on a
difference, printing it. NumPy only (the safetensors header is read by hand).
"""
import json
import struct
import sys

import numpy as np

DTYPES = {"F32": np.float32, "F64": np.float64}


def tensors(path):
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length))
        data = f.read()
    out = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        start, end = spec["data_offsets"]
        out[name] = np.frombuffer(data[start:end], dtype=DTYPES[spec["dtype"]]).reshape(spec["shape"])
    return out


def main(argv):
    tolerance = 1e-12
    if "--tolerance" in argv:
        i = argv.index("--tolerance")
        tolerance = float(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    one, others = argv[0], argv[1:]
    reference = tensors(one)
    worst = 0.0
    for path in others:
        model = tensors(path)
        if sorted(model) != sorted(reference):
            print(f"{path}: tensors {sorted(model)}, {one}: {sorted(reference)}")
            return 1
        for name, values in reference.items():
            other = model[name]
            if other.shape != values.shape or other.dtype != values.dtype:
                print(f"{path}: {name} is {other.dtype} {other.shape}, {values.dtype} {values.shape} in {one}")
                return 1
            scale = max(1.0, float(np.abs(values).max(initial=0)))
            difference = float(np.abs(other.astype(np.float64) - values.astype(np.float64)).max(initial=0)) / scale
            worst = max(worst, difference)
            if difference > tolerance:
                print(f"{path}: {name} differs from {one} by {difference:.3g} relative (tolerance {tolerance:g})")
                return 1
    print(f"{len(others)} model(s) match {one}: largest relative difference {worst:.3g} (tolerance {tolerance:g})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
