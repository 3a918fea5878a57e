#!/usr/bin/env python3
"""Independent check of PNG files written by BackpropPlot (optional; not run by `swift test`).

Usage:
    python3 check_png.py FILE.png [FILE.png ...]

For each file it
  1. parses the chunks with the standard library only, checks every CRC-32 (zlib.crc32), the
     IHDR fields (8-bit, colour type 0/4/2/6, no interlace) and that IEND comes last;
  2. inflates the concatenated IDAT data with zlib and undoes the five PNG filters itself;
  3. if Pillow is importable (`pip install Pillow`), decodes the file with Pillow too and checks
     that both decodings give identical pixels.
Exit status 0 when every file passes, 1 otherwise.
"""
import os
import struct
import sys
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "BackpropTestSupport", "python"))
from reference import paeth  # noqa: E402

CHANNELS = {0: 1, 4: 2, 2: 3, 6: 4}


def decode(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "bad signature"
    pos, chunks = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"CRC mismatch in {kind!r} at byte {pos}"
        chunks.append((kind, body))
        pos += 12 + length
    assert chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND", "IHDR must come first and IEND last"
    width, height, depth, ctype, comp, filt, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert depth == 8 and ctype in CHANNELS and comp == 0 and filt == 0 and interlace == 0, "unexpected IHDR"
    bpp = CHANNELS[ctype]
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride = width * bpp
    assert len(raw) == height * (stride + 1), "wrong amount of image data"
    out, prev = bytearray(), bytearray(stride)
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        row = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = row[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][ftype]
            row[i] = (row[i] + pred) & 0xFF
        out += row
        prev = row
    return width, height, ctype, bytes(out)


def main(paths):
    ok = True
    for path in paths:
        try:
            width, height, ctype, pixels = decode(path)
            note = "stdlib decode ok"
            try:
                from PIL import Image
                img = Image.open(path)
                mode = {0: "L", 2: "RGB", 6: "RGBA"}[ctype]
                assert img.size == (width, height) and img.mode == mode, f"Pillow sees {img.size} {img.mode}"
                assert img.tobytes() == pixels, "Pillow decodes different pixels"
                note += ", Pillow agrees"
            except ImportError:
                note += ", Pillow not installed (skipped)"
            print(f"{path}: {width}x{height} colour type {ctype}: {note}")
        except Exception as error:  # report and continue with the next file
            ok = False
            print(f"{path}: FAILED: {error}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
