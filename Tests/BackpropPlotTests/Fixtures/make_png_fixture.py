#!/usr/bin/env python3
"""Generates png_fixture.txt for PNGWriterTests, with the Python standard library only
(an implementation independent of BackpropPlot).

    python3 Tests/BackpropPlotTests/Fixtures/make_png_fixture.py

For a small deterministic RGB image (pixel (x, y) channel c = (x*37 + y*91 + c*53 + x*y*7) % 256,
width 7, height 5) it writes:
  ihdr <hex>      the complete IHDR chunk (length, type, data, CRC-32 from zlib.crc32)
  iend <hex>      the complete IEND chunk
  filtered <hex>  the filtered scanlines (filter byte + bytes), each row's filter chosen by the
                  minimum sum of |signed byte| over None, Sub, Up, Average, Paeth (first wins ties)
  pixels <hex>    the raw pixels
"""
import os
import struct
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from check_png import paeth  # noqa: E402  (the checker's Paeth predictor, also standard library only)

W, H, BPP = 7, 5, 3
pixels = bytes((x * 37 + y * 91 + c * 53 + x * y * 7) % 256 for y in range(H) for x in range(W) for c in range(BPP))


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def filtered_rows():
    stride = W * BPP
    prev = bytes(stride)
    out = bytearray()
    for y in range(H):
        row = pixels[y * stride:(y + 1) * stride]
        best = None
        for ftype in range(5):
            f = bytearray()
            for i in range(stride):
                a = row[i - BPP] if i >= BPP else 0
                b = prev[i]
                c = prev[i - BPP] if i >= BPP else 0
                pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][ftype]
                f.append((row[i] - pred) & 0xFF)
            score = sum(v if v < 128 else 256 - v for v in f)
            if best is None or score < best[0]:
                best = (score, ftype, f)
        out.append(best[1])
        out += best[2]
        prev = row
    return bytes(out)


ihdr = chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0))
iend = chunk(b"IEND", b"")
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "png_fixture.txt"), "w") as f:
    f.write(f"ihdr {ihdr.hex()}\n")
    f.write(f"iend {iend.hex()}\n")
    f.write(f"filtered {filtered_rows().hex()}\n")
    f.write(f"pixels {pixels.hex()}\n")
