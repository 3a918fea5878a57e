#!/usr/bin/env python3
"""Writes the hand-made inputs of Fuzz/Regressions/ (the fuzzers' findings sit beside them).

Each parser's folder gets a few valid files and the damaged files that reach its error paths:
truncated headers, bad magic and dtypes, shapes that do not fit the data, sizes that overflow,
corrupt DEFLATE streams and checksums. The name says what the reader must do (see
Tests/BackpropTestSupport/FuzzRegressions.swift): `parses-…` must be read, `throws-…` must be
refused with the reader's typed error; other names may do either, without a trap or a hang.

Needs NumPy (2.4.6 used; for the .npy and .npz files) and the Python standard library. The
HDF5 inputs are cut and damaged copies of Seeds/FuzzHDF5 (written by h5py). Run from anywhere:
    python3 Fuzz/make_regression_inputs.py
"""
import gzip
import io
import json
import os
import struct
import zipfile
import zlib

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
regressions = os.path.join(here, "Regressions")


def write(target, name, data):
    folder = os.path.join(regressions, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as file:
        file.write(data)


def npy_bytes(array):
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def npy_with_header(header, data, version=(1, 0)):
    """A .npy file with the header text as given (padded as NumPy pads it)."""
    text = header.encode("latin-1")
    prefix = 10 if version == (1, 0) else 12
    padding = (64 - (prefix + len(text) + 1) % 64) % 64
    text += b" " * padding + b"\n"
    length = struct.pack("<H", len(text)) if version == (1, 0) else struct.pack("<I", len(text))
    return b"\x93NUMPY" + bytes(version) + length + text + data


def zip_bytes(members, compression=zipfile.ZIP_STORED):
    """A ZIP archive with fixed timestamps (the same bytes on every run)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = compression
            archive.writestr(info, data)
    return buffer.getvalue()


def raw_deflate(data, level=6):
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def bits(fields):
    """Packs (value, width, huffman) fields LSB first; Huffman codes go most significant bit first."""
    out, accumulator, count = bytearray(), 0, 0
    for value, width, huffman in fields:
        for i in range(width):
            bit = (value >> (width - 1 - i)) & 1 if huffman else (value >> i) & 1
            accumulator |= bit << count
            count += 1
            if count == 8:
                out.append(accumulator)
                accumulator, count = 0, 0
    if count:
        out.append(accumulator)
    return bytes(out)


def fixed_gzip(data):
    return gzip.compress(data, compresslevel=6, mtime=0)


def safetensors_bytes(header, data):
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + data


def idx_bytes(type_code, dims, data):
    return bytes([0, 0, type_code, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims) + data


def npy_inputs():
    small = np.arange(6, dtype="<f8").reshape(2, 3)
    write("FuzzNpy", "parses-f8-2x3.npy", npy_bytes(small))
    write("FuzzNpy", "parses-i2-big-endian-fortran.npy", npy_bytes(np.asfortranarray(np.arange(6, dtype=">i2").reshape(2, 3))))
    good = npy_bytes(small)
    write("FuzzNpy", "throws-truncated-magic.npy", good[:4])
    write("FuzzNpy", "throws-truncated-header.npy", good[:40])
    write("FuzzNpy", "throws-bad-magic.npy", b"\x93NUMPZ" + good[6:])
    write("FuzzNpy", "throws-version-9.npy", good[:6] + b"\x09\x00" + good[8:])
    write("FuzzNpy", "throws-header-length-past-end.npy", good[:8] + struct.pack("<H", 0xFFFF) + good[10:])
    # Headers that parse but do not fit: a dtype NumPy has not or Backprop refuses, shapes that
    # do not match the data, overflow or are negative.
    for name, descr, shape, size in [
        ("throws-unknown-dtype.npy", "<q7", "(2,)", 14),
        ("throws-complex-dtype.npy", "<c16", "(1,)", 16),
        ("throws-shape-larger-than-data.npy", "<f8", "(1000,)", 24),
        ("throws-data-longer-than-shape.npy", "<f4", "(2,)", 12),
        ("throws-shape-product-overflow.npy", "<f8", "(4294967296, 4294967296, 4294967296)", 8),
        ("throws-negative-dimension.npy", "<f8", "(-1, 3)", 24),
    ]:
        header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape)
        write("FuzzNpy", name, npy_with_header(header, bytes(size)))
    write("FuzzNpy", "throws-header-not-a-dict.npy", npy_with_header("__import__('os').system('true')", bytes(8)))
    write("FuzzNpy", "throws-unterminated-header.npy",
          npy_with_header("{'descr': '<f8', 'fortran_order': False, 'shape': (1,", bytes(8)))
    write("FuzzNpy", "throws-missing-shape-key.npy", npy_with_header("{'descr': '<f8', 'fortran_order': False, }", bytes(8)))


def npz_inputs():
    x = npy_bytes(np.arange(12, dtype="<f8").reshape(3, 4))
    y = npy_bytes(np.array([0, 1, 0, 1], dtype="<i8"))
    stored = zip_bytes([("x.npy", x), ("y.npy", y)])
    deflated = zip_bytes([("x.npy", x), ("y.npy", y)], zipfile.ZIP_DEFLATED)
    write("FuzzZip", "parses-stored.npz", stored)
    write("FuzzZip", "parses-deflated.npz", deflated)
    write("FuzzZip", "throws-truncated-end-of-central-directory.npz", stored[:-10])
    write("FuzzZip", "throws-cut-in-half.npz", stored[: len(stored) // 2])
    write("FuzzZip", "throws-not-a-zip.npz", b"PK\x05\x05" + bytes(60))
    # A DEFLATE member whose first block has the reserved type 3.
    damaged = bytearray(deflated)
    start = deflated.index(b"x.npy") + len("x.npy")  # the first local header's data begins here
    damaged[start] = (damaged[start] & ~0x06) | 0x06
    write("FuzzZip", "throws-corrupt-deflate-member.npz", bytes(damaged))
    # A stored member whose CRC-32 does not match its bytes.
    bad_crc = bytearray(stored)
    bad_crc[stored.index(b"x.npy") + 5 + 20] ^= 0xFF
    write("FuzzZip", "throws-member-crc-mismatch.npz", bytes(bad_crc))
    # A valid ZIP whose member is not a .npy file: the ZIP reader takes it, NumPyArchive refuses it.
    write("FuzzZip", "npz-member-not-npy.npz", zip_bytes([("x.npy", b"just some text, not an array\n")]))


def inflate_inputs():
    text = b"".join(b"line %d of some text that repeats, more or less\n" % i for i in range(200))
    write("FuzzInflate", "parses-text.deflate", raw_deflate(text))
    write("FuzzInflate", "parses-text.zlib", zlib.compress(text, 9))
    write("FuzzInflate", "parses-text.gz", fixed_gzip(text))
    good = raw_deflate(text)
    write("FuzzInflate", "throws-truncated-stream.deflate", good[: len(good) // 2])
    write("FuzzInflate", "throws-reserved-block-type.deflate", bytes([0x07]) + good[1:])
    write("FuzzInflate", "throws-stored-length-mismatch.deflate", bytes([0x01, 0x05, 0x00, 0x05, 0x00]) + b"hello")
    # A fixed-Huffman block that opens with a match (length 3, distance 1): nothing to copy yet.
    write("FuzzInflate", "throws-distance-before-start.deflate",
          bits([(1, 1, False), (1, 2, False), (0b0000001, 7, True), (0, 5, True), (0, 7, True)]))
    zl = bytearray(zlib.compress(text, 9))
    zl[-1] ^= 0x01
    write("FuzzInflate", "throws-adler32-mismatch.zlib", bytes(zl))
    write("FuzzInflate", "throws-bad-header-check.zlib", bytes([0x78, 0x9D]) + bytes(zlib.compress(text))[2:])
    gz = bytearray(fixed_gzip(text))
    gz[-8] ^= 0x40
    write("FuzzInflate", "throws-crc32-mismatch.gz", bytes(gz))
    gz = bytearray(fixed_gzip(text))
    gz[-1] ^= 0x01
    write("FuzzInflate", "throws-size-mismatch.gz", bytes(gz))
    # 17 MiB of zeros in 17 KB: more than the 16 MiB the replays and harnesses allow.
    write("FuzzInflate", "throws-bomb-over-16-mib.deflate", raw_deflate(bytes(17 << 20), 9))


def csv_inputs():
    write("FuzzCSV", "parses-numbers.csv", b"1,2,0\n3,4,1\n5,6.5,0\n")
    write("FuzzCSV", "parses-quoted-numbers-crlf.csv", b'"1","2","0"\r\n"3","4e-3","1"\r\n')
    write("FuzzCSV", "throws-empty.csv", b"")
    write("FuzzCSV", "throws-ragged-rows.csv", b"1,2,0\n3,4\n5,6,1\n")
    write("FuzzCSV", "throws-unterminated-quote.csv", b'1,2,0\n3,"4,1\n')
    write("FuzzCSV", "throws-text-in-feature-column.csv", b"1,2,0\n3,four,1\n5,6,0\n")
    write("FuzzCSV", "throws-invalid-utf8.csv", b"1,2,0\n3,\xff\xfe,1\n")
    write("FuzzCSV", "header-only.csv", b"a,b,label\n")
    write("FuzzCSV", "header-and-text-labels.csv", b"a,b,label\n1,2,cat\n3,4,dog\n")


def idx_inputs():
    images = idx_bytes(0x08, [2, 3, 3], bytes(range(18)))
    write("FuzzIDX", "parses-images-idx3-ubyte", images)
    write("FuzzIDX", "parses-labels-idx1-ubyte.gz", fixed_gzip(idx_bytes(0x08, [4], bytes([3, 1, 4, 1]))))
    write("FuzzIDX", "parses-float-idx2", idx_bytes(0x0D, [2, 2], struct.pack(">4f", 1.5, -2, 0.25, 8)))
    write("FuzzIDX", "throws-truncated-header-idx3-ubyte", images[:9])
    write("FuzzIDX", "throws-truncated-data-idx3-ubyte", images[:-1])
    write("FuzzIDX", "throws-bad-magic-idx1-ubyte", bytes([1, 0, 0x08, 1]) + struct.pack(">I", 1) + b"\x00")
    write("FuzzIDX", "throws-unknown-type-code-idx1", idx_bytes(0x07, [1], b"\x00"))
    write("FuzzIDX", "throws-size-overflow-idx3-ubyte", idx_bytes(0x08, [0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF], bytes(8)))
    write("FuzzIDX", "throws-truncated-gzip-idx3-ubyte.gz", fixed_gzip(images)[:20])


def safetensors_inputs():
    data = struct.pack("<6f", *range(6)) + struct.pack("<2d", 0.5, -1)
    header = {"__metadata__": {"format": "pt"},
              "w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
              "b": {"dtype": "F64", "shape": [2], "data_offsets": [24, 40]}}
    good = safetensors_bytes(header, data)
    write("FuzzSafeTensors", "parses-two-tensors.safetensors", good)
    write("FuzzSafeTensors", "throws-truncated-length.safetensors", good[:5])
    write("FuzzSafeTensors", "throws-header-length-past-end.safetensors", struct.pack("<Q", 1 << 40) + good[8:])
    write("FuzzSafeTensors", "throws-header-not-json.safetensors", struct.pack("<Q", 8) + b"{not js}")
    write("FuzzSafeTensors", "throws-header-not-an-object.safetensors", safetensors_bytes([1, 2, 3], b""))
    bad = dict(header, w={"dtype": "Q4", "shape": [2, 3], "data_offsets": [0, 24]})
    write("FuzzSafeTensors", "throws-unknown-dtype.safetensors", safetensors_bytes(bad, data))
    bad = dict(header, w={"dtype": "F32", "shape": [3, 3], "data_offsets": [0, 24]})
    write("FuzzSafeTensors", "throws-shape-does-not-fit-offsets.safetensors", safetensors_bytes(bad, data))
    bad = dict(header, b={"dtype": "F64", "shape": [2], "data_offsets": [24, 400]})
    write("FuzzSafeTensors", "throws-offsets-past-end.safetensors", safetensors_bytes(bad, data))
    bad = dict(header, b={"dtype": "F64", "shape": [2], "data_offsets": [16, 32]})
    write("FuzzSafeTensors", "throws-overlapping-offsets.safetensors", safetensors_bytes(bad, data))
    bad = dict(header, w={"dtype": "F32", "shape": [4294967296, 4294967296, 4294967296], "data_offsets": [0, 24]})
    write("FuzzSafeTensors", "throws-shape-product-overflow.safetensors", safetensors_bytes(bad, data))


def hdf5_inputs():
    seeds = os.path.join(here, "Seeds", "FuzzHDF5")
    for seed in ["cat_earliest.h5", "chunked_latest.h5", "dense_v110.h5"]:
        with open(os.path.join(seeds, seed), "rb") as file:
            data = file.read()
        stem = seed[:-3]
        write("FuzzHDF5", f"parses-{stem}.h5", data)
        write("FuzzHDF5", f"throws-{stem}-cut-to-512-bytes.h5", data[:512])
        write("FuzzHDF5", f"throws-{stem}-bad-signature.h5", b"\x89HDF\r\n\x1b\x0b" + data[8:])
        # The superblock's version byte set past every known version.
        write("FuzzHDF5", f"throws-{stem}-superblock-version-9.h5", data[:8] + b"\x09" + data[9:])
    write("FuzzHDF5", "throws-empty.h5", b"")


if __name__ == "__main__":
    npy_inputs()
    npz_inputs()
    inflate_inputs()
    csv_inputs()
    idx_inputs()
    safetensors_inputs()
    hdf5_inputs()
