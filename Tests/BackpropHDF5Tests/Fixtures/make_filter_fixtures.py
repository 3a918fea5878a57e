#!/usr/bin/env python3
"""Writes the filter fixtures of BackpropHDF5Tests (HDF5FilterTests.swift) and their manifest.

Independent reference: h5py (libhdf5 and h5py's bundled LZF filter) writes every file and reads
every value back into filters/manifest.json, in the format of make_fixtures.py's manifest. The
lossy scale-offset values are recorded as h5py reads them, not as they were written.

    pip install h5py numpy
    python3 Tests/BackpropHDF5Tests/Fixtures/make_filter_fixtures.py

Files (chunked, a few KB each):
- lzf.h5: LZF on float32/float64/uint8/int16, a chunk LZF cannot shrink (stored raw, its
  filter-mask bit set), LZF with shuffle and fletcher32.
- scaleoffset.h5: integers of every size and sign, both byte orders, a constant chunk, negative
  values, a non-zero fill value, a chunk needing full precision; floats (float32/float64, D=2
  and 3) with the D-scaling method; scale-offset with fletcher32 (low-level API: h5py's
  create_dataset refuses it) and with shuffle and deflate.
- nbit.h5: integers and floats with reduced precision (h5py's low-level h5t/h5p API: a datatype
  with set precision and offset, the nbit filter by id), both byte orders, with shuffle and
  fletcher32 and with deflate.
"""
import json
import os

import h5py
import numpy as np
from h5py import h5d, h5p, h5s, h5t, h5z

from make_fixtures import manifest_of

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "filters")


def lzf_file(path):
    rng = np.random.default_rng(20)
    with h5py.File(path, "w") as f:
        smooth = np.tile(np.linspace(0, 1, 16, dtype="f4"), (64, 1))
        smooth[48:, :] = rng.standard_normal((16, 16)).astype("f4")  # this chunk does not compress
        f.create_dataset("f32", data=smooth, chunks=(16, 16), compression="lzf")
        f.create_dataset("f64", data=np.repeat(np.arange(-20, 20, dtype="f8") / 4, 8).reshape(40, 8),
                         chunks=(16, 8), compression="lzf")
        f.create_dataset("u8", data=(np.arange(30 * 30) // 7 % 256).astype("u1").reshape(30, 30),
                         chunks=(16, 16), compression="lzf")
        i16 = np.repeat(np.array([-300, 5, 12000, -1], dtype="<i2"), 50)
        i16[150:] = rng.integers(-30000, 30000, 50)  # the last chunk of 50 is noise
        f.create_dataset("i16", data=i16, chunks=(50,), compression="lzf")
        f.create_dataset("i32be_shuffle_fletcher", data=np.arange(500, dtype=">i4") // 3, chunks=(128,),
                         compression="lzf", shuffle=True, fletcher32=True)


def scaleoffset_file(path):
    rng = np.random.default_rng(6)
    with h5py.File(path, "w") as f:
        for kind in ("i", "u"):
            for size in (1, 2, 4, 8):
                for order in ("<", ">"):
                    if size == 1 and order == ">":
                        continue
                    dt = np.dtype(f"{order}{kind}{size}")
                    info = np.iinfo(dt)
                    low = -100 if kind == "i" else 0
                    values = rng.integers(low, low + 200, 64).astype(dt)
                    values[:16] = 0 if kind == "u" else -5  # a constant chunk
                    values[16:32] = 0  # a chunk of fill values only
                    values[40] = 0     # one fill value among others
                    values[48] = info.min  # a chunk needing every bit
                    values[49] = info.max
                    f.create_dataset(f"{kind}{size}{'be' if order == '>' else 'le'}", data=values, chunks=(16,),
                                     scaleoffset=0)
        f.create_dataset("i4_fill", data=np.array([-7] * 10 + list(range(-3, 27)), dtype="<i4"), chunks=(20,),
                         scaleoffset=0, fillvalue=-7)
        f.create_dataset("i2_minbits5", data=(np.arange(40, dtype="<i2") % 30) - 10, chunks=(16,), scaleoffset=5)
        f.create_dataset("u2_shuffle_deflate", data=(np.arange(300, dtype="<u2") * 7) % 1000, chunks=(64,),
                         scaleoffset=0, shuffle=True, compression="gzip")
        floats = rng.normal(0, 40, 96)
        floats[:16] = 3.25  # a constant chunk
        floats[20] = 0.0   # the fill value
        for dt, d in (("<f4", 2), (">f4", 3), ("<f8", 3), (">f8", 2)):
            f.create_dataset(f"f{np.dtype(dt).itemsize * 8}{'be' if dt[0] == '>' else 'le'}_d{d}",
                             data=floats.astype(dt).reshape(12, 8), chunks=(4, 8), scaleoffset=d)
        f.create_dataset("f4_fill", data=np.array([1.5] * 8 + [0.25 * i for i in range(24)], dtype="<f4"),
                         chunks=(16,), scaleoffset=2, fillvalue=1.5)
        # h5py's high-level API refuses fletcher32 with scale-offset; the low-level one writes it.
        dcpl = h5p.create(h5p.DATASET_CREATE)
        dcpl.set_chunk((32,))
        dcpl.set_scaleoffset(h5z.SO_FLOAT_DSCALE, 3)
        dcpl.set_fletcher32()
        dataset = h5d.create(f.id, b"f8_fletcher", h5t.IEEE_F64LE, h5s.create_simple(floats.shape), dcpl=dcpl)
        dataset.write(h5s.ALL, h5s.ALL, floats)


def nbit_dataset(f, name, datatype, data, chunk, shuffle=False, fletcher=False, deflate=False):
    dcpl = h5p.create(h5p.DATASET_CREATE)
    dcpl.set_chunk(chunk)
    dcpl.set_filter(h5z.FILTER_NBIT)
    if shuffle:
        dcpl.set_shuffle()
    if deflate:
        dcpl.set_deflate(4)
    if fletcher:
        dcpl.set_fletcher32()
    dataset = h5d.create(f.id, name.encode(), datatype, h5s.create_simple(data.shape), dcpl=dcpl)
    dataset.write(h5s.ALL, h5s.ALL, np.ascontiguousarray(data))


def reduced_int(base, precision, offset):
    t = base.copy()
    t.set_precision(precision)
    t.set_offset(offset)
    return t


def truncated_float(base, mantissa_bits_dropped):
    """An IEEE float whose `mantissa_bits_dropped` low mantissa bits are not stored."""
    t = base.copy()
    size = t.get_size()
    spos, epos, esize, _, msize = t.get_fields()
    t.set_fields(spos, epos, esize, mantissa_bits_dropped, msize - mantissa_bits_dropped)
    t.set_offset(mantissa_bits_dropped)
    t.set_precision(size * 8 - mantissa_bits_dropped)
    t.set_size(size)
    return t


def nbit_file(path):
    rng = np.random.default_rng(5)
    with h5py.File(path, "w") as f:
        nbit_dataset(f, "i16_12bits", reduced_int(h5t.STD_I16LE, 12, 0), np.arange(-50, 50, dtype="<i2") * 37, (32,))
        nbit_dataset(f, "u32be_20bits_at4", reduced_int(h5t.STD_U32BE, 20, 4), np.arange(100, dtype=">u4") * 10000, (32,))
        nbit_dataset(f, "i8_5bits", reduced_int(h5t.STD_I8LE, 5, 0), (np.arange(60) % 32 - 16).astype("i1"), (16,))
        nbit_dataset(f, "u8_3bits_at2", reduced_int(h5t.STD_U8LE, 3, 2), (np.arange(60) % 8).astype("u1"), (16,))
        nbit_dataset(f, "i64_40bits_at8", reduced_int(h5t.STD_I64LE, 40, 8),
                     rng.integers(-(1 << 38), 1 << 38, 50).astype("<i8"), (16,))
        nbit_dataset(f, "f32_7dropped", truncated_float(h5t.IEEE_F32LE, 7), rng.normal(0, 100, (10, 8)).astype("<f4"), (4, 8))
        nbit_dataset(f, "f64be_20dropped", truncated_float(h5t.IEEE_F64BE, 20), rng.normal(0, 1, 40).astype(">f8"), (16,))
        nbit_dataset(f, "i16_12bits_shuffle_fletcher", reduced_int(h5t.STD_I16LE, 12, 0),
                     np.arange(-100, 100, dtype="<i2") * 9, (64,), shuffle=True, fletcher=True)
        nbit_dataset(f, "u32_20bits_deflate", reduced_int(h5t.STD_U32LE, 20, 0), np.arange(100, dtype="<u4") * 999, (40,),
                     deflate=True)


def main():
    os.makedirs(HERE, exist_ok=True)
    manifest = {}
    for name, write in (("lzf.h5", lzf_file), ("scaleoffset.h5", scaleoffset_file), ("nbit.h5", nbit_file)):
        path = os.path.join(HERE, name)
        write(path)
        manifest[name] = manifest_of(path)
        with h5py.File(path, "r") as f:
            for dataset, entry in manifest[name]["datasets"].items():
                plist = f[dataset].id.get_create_plist()
                entry["filters"] = [plist.get_filter(i)[0] for i in range(plist.get_nfilters())]
    with open(os.path.join(HERE, "manifest.json"), "w") as out:
        json.dump(manifest, out, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    total = sum(os.path.getsize(os.path.join(HERE, n)) for n in manifest)
    print(f"wrote {len(manifest)} files, {total} bytes")


if __name__ == "__main__":
    main()
