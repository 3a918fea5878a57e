#!/usr/bin/env python3
"""Writes the HDF5 fixtures of BackpropHDF5Tests and their manifest.

Independent reference: h5py (libhdf5) writes every file and reads every value back into
manifest.json, which the Swift tests compare against.

    pip install h5py numpy
    python3 Tests/BackpropHDF5Tests/Fixtures/make_fixtures.py

Values in the manifest are strings: integers in decimal, floats as Python's repr of the float64
value (exact for float16/32/64), strings as text. Shapes are lists, dtypes are the descriptions
the Swift reader prints.
"""
import json
import os

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
LIBVERS = [
    ("earliest", "latest"),
    ("v108", "v108"),
    ("v110", "v110"),
    ("v112", "v112"),
    ("v114", "v114"),
    ("v200", "v200"),
    ("latest", "latest"),
]


def describe_dtype(dt, h5dt=None):
    """The description BackpropHDF5 prints for a datatype."""
    if dt.kind in "iu":
        order = "big-endian" if dt.byteorder == ">" else "little-endian"
        name = ("int" if dt.kind == "i" else "uint") + str(dt.itemsize * 8)
        return name if dt.itemsize == 1 else f"{name} ({order})"
    if dt.kind == "f":
        order = "big-endian" if dt.byteorder == ">" else "little-endian"
        return f"float{dt.itemsize * 8} ({order})"
    if dt.kind == "S":
        pad = {0: "NULLTERM", 1: "NULLPAD", 2: "SPACEPAD"}[h5dt.get_strpad()] if h5dt is not None else "NULLPAD"
        return f"string ({dt.itemsize} bytes, {pad})"
    info = h5py.check_string_dtype(dt)
    if info is not None and info.length is None:
        return "variable-length string (" + ("UTF-8" if info.encoding == "utf-8" else "ASCII") + ")"
    raise ValueError(dt)


def values_of(array):
    out = []
    for v in np.asarray(array).reshape(-1).tolist() if np.asarray(array).dtype.kind != "O" else list(np.asarray(array).reshape(-1)):
        if isinstance(v, bytes):
            out.append(v.decode("utf-8"))
        elif isinstance(v, str):
            out.append(v)
        elif isinstance(v, float):
            out.append(repr(float(v)))
        else:
            out.append(str(int(v)))
    return out


def manifest_of(path):
    """Reads `path` back with h5py and records everything the Swift tests compare."""
    entry = {"datasets": {}, "groups": {}, "softLinks": {}, "externalLinks": {}}
    with h5py.File(path, "r") as f:
        def attrs_of(obj):
            result = {}
            for name in obj.attrs:
                aid = obj.attrs.get_id(name)
                value = obj.attrs[name]
                arr = np.asarray(value)
                result[name] = {
                    "dtype": describe_dtype(aid.dtype, aid.get_type()),
                    "shape": list(aid.shape),
                    "values": values_of(arr),
                }
            return result

        def visit(group, prefix):
            members = sorted(group.keys())
            entry["groups"][prefix or "/"] = {"members": members, "attributes": attrs_of(group)}
            for name in members:
                link = group.get(name, getlink=True)
                full = (prefix + "/" + name) if prefix else "/" + name
                if isinstance(link, h5py.SoftLink):
                    entry["softLinks"][full] = link.path
                    continue
                if isinstance(link, h5py.ExternalLink):
                    entry["externalLinks"][full] = [link.filename, link.path]
                    continue
                obj = group[name]
                if isinstance(obj, h5py.Group):
                    visit(obj, full)
                else:
                    dt = obj.dtype
                    shape = None if obj.shape is None else list(obj.shape)
                    values = [] if shape is None else values_of(obj[()])
                    entry["datasets"][full] = {
                        "dtype": describe_dtype(dt, obj.id.get_type()),
                        "shape": shape,
                        "values": values,
                        "attributes": attrs_of(obj),
                    }
        visit(f, "")
    return entry


def patch_filter_id(path, old, new):
    """Rewrites the id of the one filter `old` in the file's (version 1, unchecksummed) filter
    pipeline message to `new`: a filter no library provides, whose chunks the reader must refuse
    as unsupported (libhdf5 will not write a dataset with an unavailable mandatory filter)."""
    data = bytearray(open(path, "rb").read())
    # id, name length (8: "lzf" padded to 8 bytes), flags (1: optional), 3 parameters
    pattern = old.to_bytes(2, "little") + bytes([8, 0, 1, 0, 3, 0])
    assert data.count(pattern) == 1, data.count(pattern)
    at = data.index(pattern)
    data[at:at + 2] = new.to_bytes(2, "little")
    open(path, "wb").write(data)


def standard_content(f):
    """Every feature that h5py writes under any libver setting."""
    rng = np.random.default_rng(7)
    f.attrs["title"] = "fixture"
    f.attrs["version"] = np.int32(3)
    f.attrs["scale"] = np.array([0.5, 1.5, -2.25])
    ints = f.create_group("ints")
    for kind in ("i", "u"):
        for size in (1, 2, 4, 8):
            for order in ("<", ">"):
                if size == 1 and order == ">":
                    continue
                dt = np.dtype(f"{order}{kind}{size}")
                info = np.iinfo(dt)
                data = np.array([info.min, info.max, 0, 1, info.max // 3, 7], dtype=dt).reshape(2, 3)
                ints.create_dataset(f"{kind}{size}{'be' if order == '>' else 'le'}", data=data)
    floats = f.create_group("floats")
    for size in (2, 4, 8):
        for order in ("<", ">"):
            dt = np.dtype(f"{order}f{size}")
            data = np.array([0.0, -1.5, 3.140625, 65504.0 if size == 2 else 1e30 if size == 4 else 1e300, 2.0 ** -14, -0.0], dtype=dt)
            floats.create_dataset(f"f{size}{'be' if order == '>' else 'le'}", data=data)
    strings = f.create_group("strings")
    strings.create_dataset("fixed", data=np.array([b"non-cat", b"cat"], dtype="S7"))
    strings.create_dataset("vlen_utf8", data=np.array(["alpha", "βeta", "", "a longer string value"], dtype=h5py.string_dtype("utf-8")))
    strings.create_dataset("vlen_ascii", data=np.array([b"x", b"yz"], dtype=h5py.string_dtype("ascii")))
    tid = h5py.h5t.C_S1.copy()
    tid.set_size(6)
    tid.set_strpad(h5py.h5t.STR_NULLTERM)
    sid = h5py.h5s.create_simple((2,))
    did = h5py.h5d.create(strings.id, b"nullterm", tid, sid)
    did.write(h5py.h5s.ALL, h5py.h5s.ALL, np.array([b"abc", b"hello"], dtype="S6"))
    tid2 = h5py.h5t.C_S1.copy()
    tid2.set_size(5)
    tid2.set_strpad(h5py.h5t.STR_SPACEPAD)
    did2 = h5py.h5d.create(strings.id, b"spacepad", tid2, sid)
    did2.write(h5py.h5s.ALL, h5py.h5s.ALL, np.array([b"ab   ", b"cdefg"], dtype="S5"))
    f.create_dataset("scalar", data=np.float64(2.5))
    f.create_dataset("empty", shape=(0, 4), dtype="f4")
    f.create_dataset("null", data=h5py.Empty("f8"))
    f.create_dataset("small_2d", data=np.arange(12, dtype="i2").reshape(3, 4))
    chunked = f.create_group("chunked")
    data = rng.integers(-1000, 1000, size=(10, 7)).astype("i4")
    chunked.create_dataset("gzip_edges", data=data, chunks=(4, 3), compression="gzip", compression_opts=6)
    sparse = chunked.create_dataset("missing", shape=(9, 9), chunks=(3, 3), dtype="f8", fillvalue=-7.5)
    sparse[0:3, 0:3] = 1.25
    sparse[6:9, 3:5] = np.arange(6).reshape(3, 2)
    chunked.create_dataset("shuffle_fletcher", data=rng.standard_normal((6, 5)), chunks=(4, 2),
                           shuffle=True, fletcher32=True, compression="gzip")
    chunked.create_dataset("single", data=np.arange(20, dtype="u2").reshape(4, 5), chunks=(4, 5), compression="gzip")
    chunked.create_dataset("fixed_max", data=np.arange(30, dtype="i8").reshape(5, 6), chunks=(2, 4), maxshape=(8, 6))
    ext = chunked.create_dataset("extensible", data=np.arange(23, dtype="f4"), chunks=(2,), maxshape=(None,), compression="gzip")
    ext.attrs["note"] = "one unlimited dimension"
    chunked.create_dataset("btree2", data=np.arange(35, dtype=">i4").reshape(5, 7), chunks=(2, 2), maxshape=(None, None))
    unfilt = chunked.create_dataset("extensible_plain", shape=(5, 3), chunks=(2, 2), maxshape=(None, 3), dtype="u1", fillvalue=9)
    unfilt[0:2, :] = 1
    unfilt[4, 0] = 200
    g = f.create_group("nested/deeper")
    g.attrs["depth"] = np.int64(2)
    g.create_dataset("values", data=np.array([[1.0, 2.0], [3.0, 4.0]], dtype=">f8"))
    f["nested/hard_again"] = g["values"]
    f["nested/soft"] = h5py.SoftLink("/nested/deeper/values")
    f["nested/dangling"] = h5py.SoftLink("/does/not/exist")
    f["nested/external"] = h5py.ExternalLink("other.h5", "/data")
    ds = f["ints/i4le"]
    for i in range(12):
        ds.attrs[f"a{i:02d}"] = np.arange(i + 1, dtype="i2")
    ds.attrs["label"] = np.array([b"short", b"longer"], dtype="S6")


def make_compact(f):
    space = h5py.h5s.create_simple((3, 4))
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_layout(h5py.h5d.COMPACT)
    did = h5py.h5d.create(f.id, b"compact_layout", h5py.h5t.STD_I16LE, space, dcpl=dcpl)
    did.write(h5py.h5s.ALL, h5py.h5s.ALL, np.arange(12, dtype="<i2").reshape(3, 4) - 5)


def make_implicit(f):
    space = h5py.h5s.create_simple((6, 5))
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_chunk((4, 2))
    dcpl.set_alloc_time(h5py.h5d.ALLOC_TIME_EARLY)
    did = h5py.h5d.create(f.id, b"implicit", h5py.h5t.STD_I32LE, space, dcpl=dcpl)
    did.write(h5py.h5s.ALL, h5py.h5s.ALL, np.arange(30, dtype="<i4").reshape(6, 5))


def main():
    manifest = {}
    for low, high in LIBVERS:
        name = f"libver_{low}_{high}.h5"
        path = os.path.join(HERE, name)
        with h5py.File(path, "w", libver=(low, high)) as f:
            standard_content(f)
            make_compact(f)
            if low != "earliest":
                make_implicit(f)
        manifest[name] = manifest_of(path)
        with h5py.File(path, "r") as f:
            info = f["chunked/shuffle_fletcher"].id.get_chunk_info(0)
            manifest[name]["firstChunk"] = {"/chunked/shuffle_fletcher": [int(info.byte_offset), int(info.size)]}

    # Many links and attributes: dense storage (latest) and multi-node symbol tables (earliest).
    for low in ("earliest", "latest"):
        name = f"many_{low}.h5"
        path = os.path.join(HERE, name)
        with h5py.File(path, "w", libver=(low, "latest")) as f:
            big = f.create_group("big")
            target = big.create_dataset("member_with_a_long_name_0000", data=np.int16(42))
            for i in range(1, 150):
                big[f"member_with_a_long_name_{i:04d}"] = target
            attrs = f.create_dataset("attributed", data=np.arange(3, dtype="u1"))
            for i in range(40):
                attrs.attrs[f"attribute_number_{i:03d}"] = np.arange(i % 5 + 1, dtype="f8") * i
            attrs.attrs["text"] = "a vlen string attribute"
            ordered = f.create_group("ordered", track_order=True)
            for name_ in ("zeta", "alpha", "mid"):
                ordered.create_group(name_)
            for i in range(12):
                ordered.attrs[f"o{i}"] = i
            chunks = f.create_dataset("many_chunks", data=(np.arange(1200) % 251).astype("u1"), chunks=(1,))
            f.create_dataset("many_chunks_2d", data=np.arange(150, dtype="i2").reshape(10, 15), chunks=(1, 1), maxshape=(None, None))
            f.create_dataset("many_chunks_ea", data=np.arange(300, dtype="i4"), chunks=(1,), maxshape=(None,))
            chunks.attrs["n"] = 1200
        manifest[name] = manifest_of(path)

    name = "userblock.h5"
    path = os.path.join(HERE, name)
    with h5py.File(path, "w", userblock_size=512) as f:
        f.create_dataset("data", data=np.arange(5, dtype="f8") / 4)
        f.attrs["where"] = "after a 512-byte user block"
    with open(path, "r+b") as raw:
        raw.write(b"USER BLOCK: not HDF5 data\n")
    manifest[name] = manifest_of(path)

    name = "userblock_latest.h5"
    path = os.path.join(HERE, name)
    with h5py.File(path, "w", userblock_size=1024, libver="latest") as f:
        f.create_dataset("data", data=np.arange(5, dtype=">i8") - 2)
    manifest[name] = manifest_of(path)

    # 4-byte addresses and lengths (h5py cannot write superblock version 1: it has no istore_k).
    name = "small_offsets.h5"
    path = os.path.join(HERE, name)
    fcpl = h5py.h5p.create(h5py.h5p.FILE_CREATE)
    fcpl.set_sizes(4, 4)
    fid = h5py.h5f.create(path.encode(), h5py.h5f.ACC_TRUNC, fcpl=fcpl)
    with h5py.File(fid) as f:
        f.create_dataset("chunked", data=np.arange(40, dtype="<u4").reshape(8, 5), chunks=(3, 2), compression="gzip")
        grp = f.create_group("group")
        for i in range(30):
            grp.create_group(f"g{i:02d}")
    manifest[name] = manifest_of(path)

    # Links that loop: soft links to each other and a group holding a hard link to itself.
    name = "cycles.h5"
    path = os.path.join(HERE, name)
    with h5py.File(path, "w") as f:
        f["a"] = h5py.SoftLink("/b")
        f["b"] = h5py.SoftLink("/a")
        g = f.create_group("g")
        g["self"] = g
        g.create_dataset("x", data=np.arange(3, dtype="i1"))
    manifest[name] = {"cycles": ["/a", "/b"]}

    name = "unsupported.h5"
    path = os.path.join(HERE, name)
    with h5py.File(path, "w") as f:
        f.create_dataset("compound", data=np.array([(1, 2.0)], dtype=[("a", "i4"), ("b", "f8")]))
        f.create_dataset("enum_bool", data=np.array([True, False]))
        f.create_dataset("ok", data=np.arange(3, dtype="i1"))
        f["named_type"] = np.dtype("<f4")
        f.create_dataset("uses_named_type", data=np.array([1.5, -2.0], dtype="<f4"), dtype=f["named_type"])
        f.create_dataset("unknown_filter", data=np.repeat(np.arange(10, dtype="i4"), 100), compression="lzf")
    patch_filter_id(path, 32000, 32123)
    entry = {"unsupported": {"/compound": "compound", "/enum_bool": "enum", "/unknown_filter": "filter 32123"}}
    manifest[name] = entry

    with open(os.path.join(HERE, "manifest.json"), "w") as out:
        json.dump(manifest, out, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    total = sum(os.path.getsize(os.path.join(HERE, n)) for n in manifest)
    print(f"wrote {len(manifest)} files, {total} bytes")


if __name__ == "__main__":
    main()
