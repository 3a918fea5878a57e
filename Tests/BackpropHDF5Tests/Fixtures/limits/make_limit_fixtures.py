"""Crafted HDF5 files for HDF5ResourceLimitTests (pip install h5py numpy; run in this folder).

deep_groups.h5   70 groups nested in one another (/g/g/.../g) holding a dataset "leaf":
                 deeper than HDF5File.maximumTreeDepth (64), so describing the whole tree
                 stops with a typed error instead of recursing without bound.
huge_unwritten.h5  a float64 dataset of shape (2**20, 2**10) (8 GiB) that was never written
                 (no storage allocated: the file is a few kB). Reading it would allocate 8 GiB
                 of fill value; the reader refuses it (HDF5Dataset.maximumReadBytes, 4 GiB)
                 before allocating anything.
"""
import h5py

with h5py.File("deep_groups.h5", "w", libver="earliest") as f:
    group = f
    for _ in range(70):
        group = group.create_group("g")
    group.create_dataset("leaf", data=[1.0, 2.0])

with h5py.File("huge_unwritten.h5", "w", libver="earliest") as f:
    f.create_dataset("big", shape=(2**20, 2**10), dtype="f8")
