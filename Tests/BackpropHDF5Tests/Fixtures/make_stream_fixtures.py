#!/usr/bin/env python3
"""Writes filters/damaged_chunk.h5 for the streaming tests (h5py):

- `x`: float32 (40, 3), chunks of (8, 3), fletcher32, rows i have values 3i, 3i+1, 3i+2;
- `y`: int64 (40,), i % 2;
then flips one byte inside the third chunk of `x` (rows 16..<24), so that reading those rows
fails its checksum while the other chunks read.

    /work/venv-py/bin/python Tests/BackpropHDF5Tests/Fixtures/make_stream_fixtures.py
"""
import os

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(HERE, "filters", "damaged_chunk.h5")
with h5py.File(path, "w", libver="earliest") as f:
    f.create_dataset("x", data=np.arange(120, dtype=np.float32).reshape(40, 3), chunks=(8, 3), fletcher32=True)
    f.create_dataset("y", data=np.arange(40, dtype=np.int64) % 2)
with h5py.File(path, "r") as f:
    info = f["x"].id.get_chunk_info(2)
    assert info.chunk_offset == (16, 0), info
    offset = info.byte_offset
with open(path, "r+b") as raw:
    raw.seek(offset + 5)
    byte = raw.read(1)
    raw.seek(offset + 5)
    raw.write(bytes([byte[0] ^ 0xFF]))
print(f"wrote {path}; chunk 2 of x at byte {offset}, byte {offset + 5} flipped")
