"""Writes the crafted image of the class-5 reproducer (issue 17) in Reproducers+Images.swift.

- large.png.zz: zlib (level 9) of a 4096×4096 16-bit RGBA PNG (2^24 pixels, 128 MiB of rows):
  the first row a gradient, every other row filter 2 ("up") with zero differences, so all rows
  are equal. The PNG itself is about 130 kB; zlib packs it again to about 1 kB, and the test
  unpacks it with Backprop's own Zlib before running `backprop predict` on it.

Standard library only (zlib, struct). Run from this folder: python3 make_image_reproducers.py
"""
import struct
import zlib

WIDTH = HEIGHT = 4096


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


first = bytearray([0])
for x in range(WIDTH):
    value = x * 65535 // WIDTH
    first += struct.pack(">HHHH", value, 65535 - value, 0x8000, 0xFFFF)
rest = bytes([2]) + bytes(WIDTH * 8)
compressor = zlib.compressobj(9)
idat = compressor.compress(bytes(first))
for _ in range(HEIGHT - 1):
    idat += compressor.compress(rest)
idat += compressor.flush()
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", WIDTH, HEIGHT, 16, 6, 0, 0, 0))
       + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
with open("large.png.zz", "wb") as f:
    f.write(zlib.compress(png, 9))
print(len(png), "bytes of PNG")
