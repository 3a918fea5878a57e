#!/usr/bin/env python3
"""Generates the BackpropCompression test fixtures with Python's own zlib, gzip and zipfile
(and NumPy's savez / savez_compressed when NumPy is installed).

Run from anywhere:  python3 Tests/BackpropCompressionTests/Fixtures/make_fixtures.py
Needs only the Python 3 standard library (NumPy optional, `pip install numpy`).

Payloads are not stored: they come from `payload(name)` below, which the Swift tests mirror
(`FixturePayloads.swift`): a 64-bit LCG  x = x * 6364136223846793005 + 1442695040888963407
(mod 2^64), one byte = x >> 56, seeded per payload.  manifest.json gives, for every fixture,
the payload it decodes to with its size and CRC-32 (computed here with zlib.crc32), or, for
the invalid streams, the error Python's zlib reports for it and the kind we expect.
"""
import gzip
import io
import json
import os
import struct
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
MUL = 6364136223846793005
INC = 1442695040888963407
MASK = (1 << 64) - 1
WORDS = [b"the ", b"deep ", b"neural ", b"network ", b"learns ", b"weights ", b"and ", b"biases ",
         b"by ", b"gradient ", b"descent, ", b"forward ", b"backward ", b"propagation. ", b"cost ", b"layer "]


def lcg_bytes(seed, count):
    x = seed & MASK
    out = bytearray(count)
    for i in range(count):
        x = (x * MUL + INC) & MASK
        out[i] = x >> 56
    return bytes(out)


def lcg_text(seed, count):
    """Words drawn from WORDS by the LCG's top 4 bits, cut to `count` bytes."""
    x = seed & MASK
    out = bytearray()
    while len(out) < count:
        x = (x * MUL + INC) & MASK
        out += WORDS[x >> 60]
    return bytes(out[:count])


def payload(name):
    if name == "empty":
        return b""
    if name == "one":
        return b"A"
    if name == "repetitive":          # 100 000 bytes of a 3-byte pattern
        return (b"abc" * 33334)[:100000]
    if name == "random":              # 6 000 incompressible bytes
        return lcg_bytes(1, 6000)
    if name == "text":                # 30 000 bytes of word salad
        return lcg_text(2, 30000)
    if name == "long":                # 70 000 bytes: random block, text, the same block 30 000 back
        block = lcg_bytes(3, 8000)
        return block + lcg_text(4, 22000) + block + lcg_text(5, 32000)
    if name == "runs":                # 20 000 bytes: runs of 1-64 equal bytes (byte and length from the LCG)
        x, out = 6, bytearray()
        while len(out) < 20000:
            x = (x * MUL + INC) & MASK
            out += bytes([x >> 56]) * (((x >> 40) & 63) + 1)
        return bytes(out[:20000])
    raise KeyError(name)


def raw_deflate(data, level=6, strategy=zlib.Z_DEFAULT_STRATEGY):
    c = zlib.compressobj(level, zlib.DEFLATED, -15, 9, strategy)
    return c.compress(data) + c.flush()


class BitWriter:
    """LSB-first bit writer for hand-made (invalid) DEFLATE streams."""
    def __init__(self):
        self.bits = []

    def put(self, value, count):
        for i in range(count):
            self.bits.append((value >> i) & 1)

    def put_code(self, code, length):   # Huffman codes go most-significant bit first
        for i in reversed(range(length)):
            self.bits.append((code >> i) & 1)

    def bytes(self):
        out = bytearray((len(self.bits) + 7) // 8)
        for i, b in enumerate(self.bits):
            out[i // 8] |= b << (i % 8)
        return bytes(out)


def dynamic_header(hlit, hdist, cl_lengths, symbols):
    """A dynamic block header; `symbols` are code-length symbols written with a code in which
    every code-length symbol listed in cl_lengths has length cl_lengths[s] (canonical)."""
    order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    w = BitWriter()
    w.put(1, 1); w.put(2, 2)
    w.put(hlit - 257, 5); w.put(hdist - 1, 5); w.put(19 - 4, 4)
    lens = [cl_lengths.get(s, 0) for s in range(19)]
    for s in order:
        w.put(lens[s], 3)
    # canonical codes
    codes, code, nxt = {}, 0, {}
    for length in range(1, 8):
        nxt[length] = code
        code = (code + sum(1 for l in lens if l == length)) << 1
    for s in range(19):
        if lens[s]:
            codes[s] = (nxt[lens[s]], lens[s]); nxt[lens[s]] += 1
    for s, extra in symbols:
        c, l = codes[s]
        w.put_code(c, l)
        if s == 16: w.put(extra, 2)
        if s == 17: w.put(extra, 3)
        if s == 18: w.put(extra, 7)
    return w


def invalid_streams():
    out = {}
    out["block_type_3"] = (bytes([0x07, 0x00]), "invalidData")
    out["stored_nlen_mismatch"] = (bytes([0x01, 0x05, 0x00, 0x00, 0x00]) + b"hello", "invalidData")
    # Over-subscribed code-length code: three codes of length 1.
    w = dynamic_header(257, 1, {0: 1, 1: 1, 8: 1}, [])
    out["oversubscribed_code_lengths"] = (w.bytes() + b"\x00" * 8, "invalidData")
    # Incomplete code-length code: only lengths 1 and 2 -> {len 1, len 2} leaves 1/4 unused.
    w = dynamic_header(257, 1, {0: 1, 8: 2}, [])
    out["incomplete_code_lengths"] = (w.bytes() + b"\x00" * 8, "invalidData")
    # Over-subscribed literal/length code: literals 0, 1, 2 and end-of-block all get length 1
    # (3 + 138 + 115 + 1 literal/length lengths, then 1 distance length).
    syms = [(1, 0), (1, 0), (1, 0), (18, 127), (18, 104), (1, 0), (1, 0)]
    w = dynamic_header(257, 1, {1: 1, 18: 2, 8: 2}, syms)
    out["oversubscribed_literals"] = (w.bytes() + b"\x00" * 8, "invalidData")
    # Repeat code 16 with no previous length.
    w = dynamic_header(257, 1, {16: 1, 1: 1}, [(16, 0)])
    out["repeat_without_previous"] = (w.bytes() + b"\x00" * 8, "invalidData")
    # Distance too far back: fixed block, literal 'a', then length 3 distance 2.
    w = BitWriter()
    w.put(1, 1); w.put(1, 2)
    w.put_code(0x30 + ord("a"), 8)            # literal 'a'
    w.put_code(1, 7)                          # symbol 257: length 3
    w.put_code(1, 5)                          # distance symbol 1: distance 2
    w.put_code(0, 7)                          # end of block
    out["distance_too_far"] = (w.bytes(), "invalidData")
    # Fixed block using literal/length symbol 286 (has a code, but is invalid).
    w = BitWriter()
    w.put(1, 1); w.put(1, 2)
    w.put_code(0xC0 + 6, 8)                   # 280..287 are 0xC0.. (8 bits)
    w.put_code(0, 7)
    out["invalid_literal_286"] = (w.bytes(), "invalidData")
    # Fixed block using distance symbol 30.
    w = BitWriter()
    w.put(1, 1); w.put(1, 2)
    w.put_code(0x30 + ord("a"), 8)
    w.put_code(1, 7)
    w.put_code(30, 5)
    w.put_code(0, 7)
    out["invalid_distance_30"] = (w.bytes(), "invalidData")
    # A non-final stored block and then nothing.
    out["missing_final_block"] = (bytes([0x00, 0x01, 0x00, 0xFE, 0xFF]) + b"x", "truncated")
    return out


def gzip_with_header_fields(data):
    """A gzip member with FTEXT, FHCRC, FEXTRA, FNAME and FCOMMENT all set."""
    flags = 0x01 | 0x02 | 0x04 | 0x08 | 0x10
    header = bytearray(b"\x1f\x8b\x08" + bytes([flags]) + struct.pack("<I", 0) + b"\x02\x03")
    extra = b"AB" + struct.pack("<H", 5) + b"hello" + b"CD" + struct.pack("<H", 0)
    header += struct.pack("<H", len(extra)) + extra
    header += b"weights.bin\x00"
    header += b"a comment, Latin-1 \xe9\x00"
    header += struct.pack("<H", zlib.crc32(bytes(header)) & 0xFFFF)
    body = raw_deflate(data, 9)
    member = bytes(header) + body + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)
    assert gzip.decompress(member) == data
    return member


def main():
    manifest = {"deflate": [], "zlib": [], "gzip": [], "zip": [], "invalid": []}

    def write(name, blob):
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(blob)

    def entry(kind, name, payload_name, blob, **extra):
        data = payload(payload_name) if payload_name else b""
        write(name, blob)
        item = {"file": name, "payload": payload_name, "size": len(data),
                "crc32": zlib.crc32(data), "adler32": zlib.adler32(data)}
        item.update(extra)
        manifest[kind].append(item)

    # Raw DEFLATE at several levels and strategies.
    for level in (1, 6, 9):
        entry("deflate", f"text_level{level}.deflate", "text", raw_deflate(payload("text"), level), level=level)
    entry("deflate", "random_level0.deflate", "random", raw_deflate(payload("random"), 0), level=0)
    entry("deflate", "empty.deflate", "empty", raw_deflate(b"", 6))
    entry("deflate", "one.deflate", "one", raw_deflate(b"A", 6))
    entry("deflate", "repetitive_level9.deflate", "repetitive", raw_deflate(payload("repetitive"), 9))
    entry("deflate", "random_level6.deflate", "random", raw_deflate(payload("random"), 6))
    entry("deflate", "long_level9.deflate", "long", raw_deflate(payload("long"), 9))
    entry("deflate", "text_fixed.deflate", "text", raw_deflate(payload("text"), 6, zlib.Z_FIXED), strategy="fixed")
    entry("deflate", "text_huffman_only.deflate", "text", raw_deflate(payload("text"), 6, zlib.Z_HUFFMAN_ONLY))
    entry("deflate", "runs_rle.deflate", "runs", raw_deflate(payload("runs"), 6, zlib.Z_RLE))

    # zlib (RFC 1950).
    entry("zlib", "text_level6.zlib", "text", zlib.compress(payload("text"), 6))
    entry("zlib", "empty.zlib", "empty", zlib.compress(b"", 6))
    entry("zlib", "long_level1.zlib", "long", zlib.compress(payload("long"), 1))

    # gzip (RFC 1952).
    entry("gzip", "text.gz", "text", gzip.compress(payload("text"), 6, mtime=0))
    entry("gzip", "empty.gz", "empty", gzip.compress(b"", 6, mtime=0))
    multi = gzip.compress(payload("text")[:10000], 6, mtime=0) + gzip.compress(payload("text")[10000:], 9, mtime=0)
    assert gzip.decompress(multi) == payload("text")
    entry("gzip", "multi.gz", "text", multi, member_count=2)
    fields = gzip_with_header_fields(payload("random"))
    entry("gzip", "fields.gz", "random", fields, original_name="weights.bin")

    # ZIP with a stored and a deflated member (the deflated one written by zipfile itself).
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(zipfile.ZipInfo("stored/random.bin", (1980, 1, 1, 0, 0, 0)), payload("random"),
                    compress_type=zipfile.ZIP_STORED)
        zf.writestr(zipfile.ZipInfo("text.txt", (1980, 1, 1, 0, 0, 0)), payload("text"),
                    compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr(zipfile.ZipInfo("empty", (1980, 1, 1, 0, 0, 0)), b"", compress_type=zipfile.ZIP_DEFLATED)
    entry("zip", "mixed.zip", None, buffer.getvalue(), members={
        "stored/random.bin": {"payload": "random", "method": 0},
        "text.txt": {"payload": "text", "method": 8},
        "empty": {"payload": "empty", "method": 8}})

    # ZIP64 local headers, written the way NumPy does (force_zip64=True).
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo("forced64.bin", (1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as f:
            f.write(payload("text"))
    entry("zip", "zip64.zip", None, buffer.getvalue(), members={
        "forced64.bin": {"payload": "text", "method": 8}})

    try:
        import numpy as np
        a = np.arange(12, dtype="<f8").reshape(3, 4)
        b = (np.arange(10, dtype="<i8") * 7) % 5
        for name, saver in (("arrays.npz", np.savez), ("arrays_compressed.npz", np.savez_compressed)):
            buffer = io.BytesIO()
            saver(buffer, a=a, b=b)
            blob = buffer.getvalue()
            with zipfile.ZipFile(io.BytesIO(blob)) as zf:
                members = {i.filename: {"size": i.file_size, "crc32": i.CRC, "method": i.compress_type,
                                        "sha": zf.read(i.filename).hex()} for i in zf.infolist()}
            write(name, blob)
            manifest["zip"].append({"file": name, "payload": None, "size": 0, "crc32": 0, "adler32": 1,
                                    "members": members})
    except ImportError:
        print("numpy not installed: skipping the .npz fixtures")

    # Invalid raw DEFLATE streams, each confirmed invalid by Python's zlib.
    for name, (blob, kind) in invalid_streams().items():
        try:
            d = zlib.decompressobj(-15)
            d.decompress(blob)
            if not d.eof:
                raise zlib.error("incomplete or truncated stream")
            raise SystemExit(f"{name}: Python's zlib accepted it")
        except zlib.error as e:
            reason = str(e)
        write(f"invalid_{name}.deflate", blob)
        manifest["invalid"].append({"file": f"invalid_{name}.deflate", "kind": kind, "zlib": reason})

    with open(os.path.join(HERE, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
    total = sum(os.path.getsize(os.path.join(HERE, n)) for n in os.listdir(HERE))
    print(f"wrote {sum(len(v) for v in manifest.values())} fixtures, {total} bytes in {HERE}")


if __name__ == "__main__":
    main()
