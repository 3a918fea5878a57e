#!/usr/bin/env python3
"""Writes small HDF5 seed files for the FuzzHDF5 harness (Fuzz/Seeds/FuzzHDF5/*.h5).

The test fixtures are up to 110 KB each, and the harness runs about 300 of them a second under
AddressSanitizer. These seeds cover the same structures (every superblock and object-header
version, symbol-table, compact and dense groups, every chunk index, filters, string and integer
types, attributes compact and dense, links of every kind, user blocks) in files of a few KB each,
so that libFuzzer can run them with -max_len=4096 several thousand times a second.

    python3 Fuzz/Seeds/make_hdf5_seeds.py      # needs h5py and numpy
"""
import os

import h5py
import numpy as np

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "FuzzHDF5")


def write(name, build, libver=("earliest", "latest"), **kwargs):
    path = os.path.join(HERE, name + ".h5")
    # Small metadata blocks keep the files small (the default aggregates 2 KB at a time).
    with h5py.File(path, "w", libver=libver, meta_block_size=256, **kwargs) as f:
        build(f)
    return path


def small_values(f):
    f.create_dataset("i8", data=np.arange(6, dtype=np.int8).reshape(2, 3))
    f.create_dataset("u16be", data=np.arange(4, dtype=">u2"))
    f.create_dataset("i64", data=np.array([-1, 2**40], dtype=np.int64))
    f.create_dataset("f16", data=np.array([0.5, -2.0], dtype=np.float16))
    f.create_dataset("f32be", data=np.array([1.5, np.inf], dtype=">f4"))
    f.create_dataset("f64", data=np.array([[np.pi]], dtype=np.float64))
    f.create_dataset("scalar", data=np.float32(3.0))
    f.create_dataset("null", data=h5py.Empty("f8"))


def strings(f):
    f.create_dataset("fixed", data=np.array([b"cat", b"dog"], dtype="S4"))
    f.create_dataset("vlen", data=["a", "bc"], dtype=h5py.string_dtype("utf-8"))
    f.create_dataset("ascii", data=[b"x"], dtype=h5py.string_dtype("ascii"))
    f.attrs["title"] = "seed"
    f.attrs["list_classes"] = np.array([b"non-cat", b"cat"])


def chunked(f):
    data = np.arange(35, dtype=np.int32).reshape(7, 5)
    f.create_dataset("gzip", data=data, chunks=(3, 2), compression="gzip", compression_opts=1)
    f.create_dataset("shuffle", data=data.astype(np.float32), chunks=(4, 5), shuffle=True, fletcher32=True)
    f.create_dataset("single", data=data, chunks=(7, 5), compression="gzip")
    f.create_dataset("sparse", shape=(8, 8), dtype=np.int16, chunks=(2, 2), fillvalue=-3)[0, 0] = 1


def chunk_indices(f):
    data = np.arange(12, dtype=np.uint8).reshape(4, 3)
    f.create_dataset("fixed_array", data=data, chunks=(2, 2))
    f.create_dataset("extensible", data=data, chunks=(2, 2), maxshape=(None, 3))
    f.create_dataset("btree2", data=data, chunks=(2, 2), maxshape=(None, None))
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_chunk((2, 2))
    dcpl.set_alloc_time(h5py.h5d.ALLOC_TIME_EARLY)
    space = h5py.h5s.create_simple((4, 3))
    h5py.h5d.create(f.id, b"implicit", h5py.h5t.NATIVE_UINT8, space, dcpl=dcpl).write(
        h5py.h5s.ALL, h5py.h5s.ALL, data)


def layouts(f):
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_layout(h5py.h5d.COMPACT)
    space = h5py.h5s.create_simple((4,))
    h5py.h5d.create(f.id, b"compact", h5py.h5t.NATIVE_DOUBLE, space, dcpl=dcpl).write(
        h5py.h5s.ALL, h5py.h5s.ALL, np.arange(4, dtype=np.float64))
    f.create_dataset("contiguous", data=np.arange(5, dtype=np.float32))
    f.create_dataset("unwritten", shape=(3,), dtype=np.float64, fillvalue=7.0)


def links(f):
    g = f.create_group("g")
    g.create_dataset("x", data=np.arange(3, dtype=np.int32))
    f["hard"] = g["x"]
    f["soft"] = h5py.SoftLink("/g/x")
    f["dangling"] = h5py.SoftLink("/nowhere")
    f["external"] = h5py.ExternalLink("other.h5", "/data")
    g["self"] = g


def dense_group(f):
    for i in range(12):
        f.create_group(f"group_{i:02d}")
    for i in range(10):
        f.attrs[f"attribute_{i:02d}"] = np.int32(i)


def nested(f):
    g = f
    for i in range(6):
        g = g.create_group(f"level{i}")
        g.attrs["depth"] = i
    g.create_dataset("leaf", data=np.ones((2, 2), dtype=np.float32))


def cat_like(f):
    f.create_dataset("train_set_x", data=np.arange(2 * 4 * 4 * 3, dtype=np.uint8).reshape(2, 4, 4, 3))
    f.create_dataset("train_set_y", data=np.array([0, 1], dtype=np.int64))
    f.create_dataset("list_classes", data=np.array([b"non-cat", b"cat"]))


def paged_fixed_array(f):
    """A fixed-array chunk index with more entries than one page holds."""
    f.create_dataset("paged_fixed_array", data=np.arange(1100, dtype=np.uint8), chunks=(1,))


def large_indices(f):
    """Chunk indices big enough to need their multi-level forms."""
    f.create_dataset("extensible_many", data=np.arange(300, dtype=np.uint8), chunks=(1,), maxshape=(None,))
    f.create_dataset("btree2_many", data=np.arange(144, dtype=np.uint8).reshape(12, 12), chunks=(1, 1),
                     maxshape=(None, None))


def many_members(f):
    """A symbol-table group whose B-tree splits (old style)."""
    for i in range(34):
        f.create_dataset(f"d{i:02d}", data=np.uint8(i))


def many_chunks_v1(f):
    """A version-1 chunk B-tree with more chunks than one node holds."""
    f.create_dataset("chunks_v1", data=np.arange(90, dtype=np.uint8), chunks=(1,))


def creation_order(f):
    """Dense links and attributes with creation order tracked (an extra v2 B-tree index)."""
    g = f.create_group("ordered", track_order=True)
    for i in range(12):
        g.create_group(f"member_{11 - i:02d}")
        g.attrs[f"attr_{11 - i:02d}"] = np.float32(i)


def filters(f):
    """LZF (with a chunk stored raw), scale-offset on integers and floats, n-bit on a 12-bit integer."""
    f.create_dataset("lzf", data=np.repeat(np.arange(8, dtype="<f4"), 8).reshape(8, 8), chunks=(4, 8), compression="lzf")
    f.create_dataset("so_int", data=np.arange(-8, 24, dtype="<i2"), chunks=(16,), scaleoffset=0)
    f.create_dataset("so_float", data=np.linspace(-2, 3, 24), chunks=(12,), scaleoffset=2)
    precise = h5py.h5t.STD_I16LE.copy()
    precise.set_precision(12)
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_chunk((16,))
    dcpl.set_filter(h5py.h5z.FILTER_NBIT)
    h5py.h5d.create(f.id, b"nbit", precise, h5py.h5s.create_simple((24,)), dcpl=dcpl).write(
        h5py.h5s.ALL, h5py.h5s.ALL, np.arange(-12, 12, dtype="<i2") * 50)


def main():
    os.makedirs(HERE, exist_ok=True)
    for old in os.listdir(HERE):
        if old.endswith(".h5"):
            os.remove(os.path.join(HERE, old))
    builders = {"values": small_values, "strings": strings, "chunked": chunked, "layouts": layouts,
                "links": links, "dense": dense_group, "nested": nested, "cat": cat_like}
    written = []
    for libver in [("earliest", "latest"), ("v110", "v110"), ("latest", "latest")]:
        for name, build in builders.items():
            written.append(write(f"{name}_{libver[0]}", build, libver=libver))
        written.append(write(f"indices_{libver[0]}", chunk_indices, libver=("latest", "latest")) if libver[0] == "latest" else None)
    written.append(write("userblock", small_values, userblock_size=512))
    written.append(write("large_indices", large_indices, libver=("latest", "latest")))
    written.append(write("paged_fixed_array", paged_fixed_array, libver=("latest", "latest")))
    written.append(write("many_members_earliest", many_members))
    written.append(write("many_chunks_earliest", many_chunks_v1))
    written.append(write("creation_order", creation_order, libver=("latest", "latest")))
    written.append(write("filters_earliest", filters))
    written.append(write("filters_latest", filters, libver=("latest", "latest")))
    for path in filter(None, written):
        print(f"{os.path.getsize(path):6d}  {os.path.basename(path)}")


if __name__ == "__main__":
    main()
