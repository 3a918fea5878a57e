#!/usr/bin/env python3
"""Generates the BackpropFormats test fixtures and manifest.json (the values Python decoded).

Run from anywhere:  python3 Tests/BackpropFormatsTests/Fixtures/make_fixtures.py
Needs NumPy and Pillow (installed from PyPI by this script when missing; never at test time).
Everything is deterministic (fixed seeds, no timestamps), so rerunning rewrites the same bytes
(except Pillow/zlib version differences).

Independent implementations used: NumPy (np.save/np.savez), Python's csv module, struct/gzip for
IDX, Pillow and a small hand-written PNG encoder here (for interlacing, every filter type and
bit depths Pillow does not write), Pillow/libjpeg for JPEG (decoded pixels stored; the Swift
decoder is compared within the tolerance stated in the manifest, since IDCTs differ).
"""
import csv, gzip, io, json, os, struct, subprocess, sys, zlib

try:
    import numpy as np
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "numpy"])
    import numpy as np
try:
    from PIL import Image, ImageOps
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "Pillow"])
    from PIL import Image, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))
manifest = {}


def path(*parts):
    p = os.path.join(HERE, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def rel(p):
    return os.path.relpath(p, HERE)


def text_values(a):
    """C-order values as strings: exact for every dtype (ints as ints, floats by repr)."""
    flat = np.asarray(a).ravel(order="C")
    if flat.dtype.kind in "biu":
        return [str(int(v)) for v in flat]
    return [repr(float(v)) for v in flat]


def npy_entry(p, a, version):
    return {"file": rel(p), "shape": list(a.shape), "dtype": a.dtype.name,
            "fortran": bool(a.flags.f_contiguous and not a.flags.c_contiguous),
            "little": a.dtype.byteorder != ">",  # generated on a little-endian machine
            "version": list(version), "values": text_values(a)}


# ---------------------------------------------------------------- npy / npz
def make_npy():
    from numpy.lib import format as npformat
    rng = np.random.default_rng(7)
    entries = []
    base = {
        "b1": np.array([[True, False, True], [False, False, True]]),
        "i1": np.array([[-128, -1, 0], [1, 100, 127]]),
        "i2": np.array([[-32768, -2, 0], [3, 1000, 32767]]),
        "i4": np.array([[-2147483648, -5, 0], [7, 123456, 2147483647]]),
        "i8": np.array([[-9223372036854775808, -9, 0], [11, 2**40 + 1, 9223372036854775807]]),
        "u1": np.array([[0, 1, 2], [128, 254, 255]]),
        "u2": np.array([[0, 1, 2], [300, 40000, 65535]]),
        "u4": np.array([[0, 1, 2], [70000, 3000000000, 4294967295]]),
        "u8": np.array([[0, 1, 2], [2**33, 2**63, 18446744073709551615]], dtype=np.uint64),
        "f2": np.array([[-65504.0, -1.5, 0.0], [6e-8, 0.333, 65504.0]]),
        "f4": rng.standard_normal((2, 3)) * 1000,
        "f8": rng.standard_normal((2, 3)),
    }
    for code, values in base.items():
        orders = ["<", ">"] if code[1] != "1" else ["|"]
        for order in orders:
            a = values.astype(np.dtype(order + code) if order != "|" else np.dtype(code))
            name = {"<": "le", ">": "be", "|": "na"}[order]
            p = path("npy", f"{code}_{name}_c.npy")
            np.save(p, a)
            entries.append(npy_entry(p, a, (1, 0)))
    # Fortran order (3-d, both byte orders), versions 2.0 and 3.0, 0-d, empty, 1-d.
    cube = np.asfortranarray(np.arange(24, dtype="<f8").reshape(2, 3, 4) / 8)
    p = path("npy", "f8_le_fortran3d.npy"); np.save(p, cube); entries.append(npy_entry(p, cube, (1, 0)))
    fcube = np.asfortranarray((np.arange(24) - 12).reshape(4, 3, 2).astype(">i4"))
    p = path("npy", "i4_be_fortran3d.npy"); np.save(p, fcube); entries.append(npy_entry(p, fcube, (1, 0)))
    f2d = np.asfortranarray(rng.standard_normal((3, 5)).astype("<f4"))
    p = path("npy", "f4_le_fortran2d.npy"); np.save(p, f2d); entries.append(npy_entry(p, f2d, (1, 0)))
    for version in [(2, 0), (3, 0)]:
        a = (np.arange(6, dtype="<i2") * 3 - 5).reshape(3, 2)
        p = path("npy", f"i2_v{version[0]}.npy")
        with open(p, "wb") as f:
            npformat.write_array(f, a, version=version)
        entries.append(npy_entry(p, a, version))
    scalar = np.array(3.25, dtype="<f8")
    p = path("npy", "scalar0d.npy"); np.save(p, scalar); entries.append(npy_entry(p, scalar, (1, 0)))
    empty = np.zeros((0, 3), dtype="<f4")
    p = path("npy", "empty0x3.npy"); np.save(p, empty); entries.append(npy_entry(p, empty, (1, 0)))
    vector = np.arange(5, dtype="<i8") * 2
    p = path("npy", "vector.npy"); np.save(p, vector); entries.append(npy_entry(p, vector, (1, 0)))
    manifest["npy"] = entries

    rejected = []
    for name, a, reason in [
        ("object.npy", np.array([{"a": 1}, None], dtype=object), "unsupported"),
        ("complex.npy", np.array([1 + 2j, 3 - 4j]), "unsupported"),
        ("structured.npy", np.zeros(2, dtype=[("a", "<i4"), ("b", "<f8")]), "unsupported"),
        ("unicode.npy", np.array(["cat", "dog"]), "unsupported"),
    ]:
        p = path("npy", "bad", name)
        np.save(p, a, allow_pickle=True)
        rejected.append({"file": rel(p), "reason": reason})
    manifest["npy_rejected"] = rejected

    x = rng.standard_normal((4, 3))
    y = np.array([0, 1, 1, 0], dtype=np.int64)
    images = rng.integers(0, 256, size=(6, 4, 4, 3), dtype=np.uint8)
    labels = np.array([[1, 0, 1, 1, 0, 0]], dtype=np.int64)
    p_stored = path("npz", "stored.npz"); np.savez(p_stored, x=x, y=y)
    p_deflated = path("npz", "deflated.npz"); np.savez_compressed(p_deflated, train_set_x=images, train_set_y=labels)
    manifest["npz"] = [
        {"file": rel(p_stored), "members": {"x": npy_entry(p_stored, x, (1, 0)), "y": npy_entry(p_stored, y, (1, 0))}},
        {"file": rel(p_deflated), "members": {"train_set_x": npy_entry(p_deflated, images, (1, 0)),
                                              "train_set_y": npy_entry(p_deflated, labels, (1, 0))}},
    ]


# ---------------------------------------------------------------- CSV
def make_csv():
    entries = []
    header = ['sepal "length"', "sepal,width", "petal\nlength", "species"]
    rows = [
        ["5.1", "3.5", "1.4", "setosa"],
        ["4.9", " 3.0", "1.4", "setosa"],
        ["7.0", "3.2", "4.7", 'versi"color'],
        ["6.3", "3.3", "6.0", "virginica, really"],
        ["-1e-3", "0", "2.5E2", 'versi"color'],
    ]
    p = path("csv", "awkward.csv")
    with open(p, "w", newline="") as f:
        w = csv.writer(f)  # QUOTE_MINIMAL, "\r\n" line endings, doubled quotes
        w.writerow(header)
        w.writerows(rows)
    names = sorted({r[3] for r in rows})
    entries.append({
        "file": rel(p), "delimiter": ",", "label": "species", "header": header[:3],
        "features": [[float(v) for v in r[:3]] for r in rows],
        "classes": names, "labels": [names.index(r[3]) for r in rows]})

    p = path("csv", "semicolon_noheader.csv")
    rows2 = [[1, 0.5, 2.0], [0, -0.25, 3.5], [2, 1.0, -4.0], [1, 0.0, 0.125]]
    with open(p, "w", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\n")
        w.writerows(rows2)
    entries.append({
        "file": rel(p), "delimiter": ";", "label": 0, "header": None,
        "features": [[float(v) for v in r[1:]] for r in rows2],
        "classes": ["0", "1", "2"], "labels": [r[0] for r in rows2]})

    p = path("csv", "categories.csv")
    rows3 = [["red", 1.5, "yes"], ["green", 2.5, "no"], ["blue", -1.0, "yes"], ["red", 0.0, "no"]]
    mapping = {"red": 0, "green": 1, "blue": 2}
    with open(p, "w", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_NONNUMERIC)
        w.writerow(["color", "size", "bought"])
        w.writerows(rows3)
    entries.append({
        "file": rel(p), "delimiter": ",", "label": "bought", "header": ["color", "size"],
        "categories": {"color": mapping},
        "features": [[float(mapping[r[0]]), float(r[1])] for r in rows3],
        "classes": ["no", "yes"], "labels": [["no", "yes"].index(r[2]) for r in rows3]})
    manifest["csv"] = entries

    with open(path("csv", "bad", "wrong_field_count.csv"), "w", newline="") as f:
        f.write("a,b,label\n1,2,0\n3,4,1\n5,6\n")
    with open(path("csv", "bad", "not_a_number.csv"), "w", newline="") as f:
        f.write("a,b,label\n1,2,0\n3,oops,1\n")
    with open(path("csv", "bad", "unclosed_quote.csv"), "w", newline="") as f:
        f.write('a,b,label\n1,2,0\n"3,4,1\n')
    manifest["csv_bad"] = [
        {"file": "csv/bad/wrong_field_count.csv", "line": 4, "column": None, "reason": "mismatch"},
        {"file": "csv/bad/not_a_number.csv", "line": 3, "column": 2, "reason": "invalid"},
        {"file": "csv/bad/unclosed_quote.csv", "line": 3, "column": 1, "reason": "invalid"},
    ]


# ---------------------------------------------------------------- IDX (MNIST layout)
def make_idx():
    rng = np.random.default_rng(3)
    images = rng.integers(0, 256, size=(5, 28, 28), dtype=np.uint8)
    labels = np.array([7, 2, 1, 0, 4], dtype=np.uint8)
    img = struct.pack(">IIII", 0x00000803, 5, 28, 28) + images.tobytes()
    lab = struct.pack(">II", 0x00000801, 5) + labels.tobytes()
    for name, data in [("mini-images-idx3-ubyte", img), ("mini-labels-idx1-ubyte", lab)]:
        with open(path("idx", name), "wb") as f:
            f.write(data)
        with open(path("idx", name + ".gz"), "wb") as f:
            f.write(gzip.compress(data, mtime=0))
    manifest["idx"] = {"images": "idx/mini-images-idx3-ubyte", "labels": "idx/mini-labels-idx1-ubyte",
                       "count": 5, "rows": 28, "columns": 28,
                       "pixels": [int(v) for v in images.ravel()], "label_values": [int(v) for v in labels]}


# ---------------------------------------------------------------- PNG
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def pack_row(samples, depth):
    if depth == 8:
        return bytes(samples)
    if depth == 16:
        return b"".join(struct.pack(">H", s) for s in samples)
    out, acc, bits = bytearray(), 0, 0
    for s in samples:
        acc = (acc << depth) | s
        bits += depth
        if bits == 8:
            out.append(acc); acc, bits = 0, 0
    if bits:
        out.append(acc << (8 - bits))
    return bytes(out)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def filter_rows(rows, bpp, first_filter):
    """Filters each row with filter type (first_filter + index) % 5: all five types appear."""
    out, prev = bytearray(), bytes(len(rows[0])) if rows else b""
    for i, row in enumerate(rows):
        ft = (first_filter + i) % 5
        f = bytearray()
        for x in range(len(row)):
            a = row[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][ft]
            f.append((row[x] - pred) & 0xFF)
        out += bytes([ft]) + f
        prev = row
    return bytes(out)


def write_png(p, samples, color_type, depth, palette=None, trns=None, interlace=False):
    """samples: array (h, w, channels) of ints at the file's bit depth (palette indices for type 3)."""
    h, w, ch = samples.shape
    bpp = max(1, ch * depth // 8)
    raw = bytearray()
    passes = ADAM7 if interlace else [(0, 0, 1, 1)]
    for n, (x0, y0, dx, dy) in enumerate(passes):
        sub = samples[y0::dy, x0::dx, :]
        if sub.shape[0] == 0 or sub.shape[1] == 0:
            continue
        rows = [pack_row([int(v) for v in sub[r].ravel()], depth) for r in range(sub.shape[0])]
        raw += filter_rows(rows, bpp, n)
    data = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, color_type, 0, 0, int(interlace)))
    if palette is not None:
        data += png_chunk(b"PLTE", bytes(palette.astype(np.uint8).ravel()))
    if trns is not None:
        data += png_chunk(b"tRNS", trns)
    data += png_chunk(b"tEXt", b"Comment\x00made by make_fixtures.py")
    comp = zlib.compress(bytes(raw), 9)
    data += png_chunk(b"IDAT", comp[: len(comp) // 2]) + png_chunk(b"IDAT", comp[len(comp) // 2:])  # split IDAT
    data += png_chunk(b"IEND", b"")
    with open(p, "wb") as f:
        f.write(data)


def make_png():
    rng = np.random.default_rng(11)
    entries = []

    def add(p, expected, depth):
        entries.append({"file": rel(p), "height": int(expected.shape[0]), "width": int(expected.shape[1]),
                        "channels": int(expected.shape[2]), "bit_depth": depth,
                        "samples": [int(v) for v in expected.ravel()]})

    # Hand-written: every colour type, bit depths 1..16, Adam7, all filter types, split IDAT.
    h, w = 11, 13
    for color_type, depth, interlace in [(0, 8, False), (0, 8, True), (0, 16, True), (0, 1, False), (0, 2, True),
                                         (0, 4, False), (2, 8, True), (2, 16, False), (4, 8, True), (4, 16, False),
                                         (6, 8, False), (6, 8, True), (6, 16, True)]:
        ch = CHANNELS[color_type]
        s = rng.integers(0, 2 ** depth, size=(h, w, ch))
        name = f"hand_ct{color_type}_{depth}bit{'_adam7' if interlace else ''}.png"
        p = path("png", name)
        write_png(p, s, color_type, depth, interlace=interlace)
        add(p, s, depth)
    for depth, interlace in [(8, False), (4, True), (1, True)]:
        colors = min(2 ** depth, 7)
        palette = rng.integers(0, 256, size=(colors, 3))
        idx = rng.integers(0, colors, size=(h, w, 1))
        alpha = bytes([0, 128, 255, 7][: min(colors, 4) - (1 if depth == 1 else 0)]) if depth != 8 or True else None
        p = path("png", f"hand_palette_{depth}bit{'_adam7' if interlace else ''}.png")
        write_png(p, idx, 3, depth, palette=palette, trns=alpha, interlace=interlace)
        full_alpha = np.full(colors, 255); full_alpha[: len(alpha)] = list(alpha)
        rgba = np.concatenate([palette, full_alpha[:, None]], axis=1)[idx[:, :, 0]]
        add(p, rgba, 8)
    # A tiny 1x1 interlaced image (most Adam7 passes empty).
    one = np.array([[[200]]]); p = path("png", "hand_1x1_adam7.png"); write_png(p, one, 0, 8, interlace=True); add(p, one, 8)

    # Pillow-written, decoded back by Pillow.
    yy, xx = np.mgrid[0:12, 0:15]
    rgb = np.stack([xx * 17, yy * 20, (xx + yy) * 9], axis=-1).astype(np.uint8)
    for mode in ["L", "LA", "RGB", "RGBA", "P", "I;16", "1"]:
        if mode == "P":
            im = Image.fromarray(rgb).quantize(colors=5)
            im.info["transparency"] = 2
            p = path("png", "pillow_P_trns.png"); im.save(p, transparency=2)
            expected = np.array(Image.open(p).convert("RGBA"))
            add(p, expected, 8)
            continue
        if mode == "I;16":
            im = Image.fromarray((xx * 4000 + yy * 300).astype(np.uint16))
            depth = 16
        else:
            im = Image.fromarray(np.dstack([rgb, (xx * 15).astype(np.uint8)])).convert(mode)
            depth = 1 if mode == "1" else 8
        p = path("png", f"pillow_{mode.replace(';', '')}.png")
        im.save(p)
        back = np.array(Image.open(p)).astype(np.int64)
        if back.ndim == 2:
            back = back[:, :, None]
        add(p, back, depth)
    manifest["png"] = entries


# ---------------------------------------------------------------- JPEG
def make_jpeg():
    entries = []
    h, w = 29, 37  # not multiples of 8 or 16: partial MCUs at the edges
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    rgb = np.stack([128 + 100 * np.sin(xx / 6), 128 + 90 * np.cos(yy / 5), (xx * 3 + yy * 4) % 256], axis=-1)
    rgb[8:18, 10:25] = [230, 40, 60]  # a sharp-edged block
    im = Image.fromarray(rgb.clip(0, 255).astype(np.uint8))
    gray = im.convert("L")
    variants = [
        ("baseline_444.jpg", im, dict(quality=92, subsampling=0)),
        ("baseline_422.jpg", im, dict(quality=92, subsampling=1)),
        ("baseline_420.jpg", im, dict(quality=92, subsampling=2)),
        ("progressive_420.jpg", im, dict(quality=90, subsampling=2, progressive=True)),
        ("progressive_444.jpg", im, dict(quality=90, subsampling=0, progressive=True)),
        ("gray.jpg", gray, dict(quality=90)),
        ("gray_progressive.jpg", gray, dict(quality=90, progressive=True)),
        ("restart_420.jpg", im, dict(quality=90, subsampling=2, restart_marker_blocks=2)),
        ("optimized_422.jpg", im, dict(quality=75, subsampling=1, optimize=True)),
    ]
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    variants.append(("orientation6.jpg", im, dict(quality=92, subsampling=2, exif=exif.tobytes())))
    exif3 = Image.Exif(); exif3[0x0112] = 3
    variants.append(("orientation3_gray.jpg", gray, dict(quality=92, exif=exif3.tobytes())))
    for name, source, options in variants:
        p = path("jpeg", name)
        source.save(p, "JPEG", **options)
        decoded = ImageOps.exif_transpose(Image.open(p))  # Pillow/libjpeg decode, then EXIF orientation
        a = np.array(decoded)
        if a.ndim == 2:
            a = a[:, :, None]
        entries.append({"file": rel(p), "height": int(a.shape[0]), "width": int(a.shape[1]), "channels": int(a.shape[2]),
                        "pixels": [int(v) for v in a.ravel()]})
    manifest["jpeg"] = entries
    p = path("jpeg", "bad", "cmyk.jpg")
    Image.fromarray(rgb.clip(0, 255).astype(np.uint8)).convert("CMYK").save(p, "JPEG")
    manifest["jpeg_unsupported"] = [rel(p)]


# ---------------------------------------------------------------- image folder data set
def make_image_folder():
    rng = np.random.default_rng(5)
    expected_columns, labels = [], []
    root = "imagefolder"
    files = {"cat": ["a.png", "b_big.png"], "dog": ["c_gray.png"]}
    for label, cls in enumerate(sorted(files)):
        for name in sorted(files[cls]):
            small = rng.integers(0, 256, size=(4, 4, 3), dtype=np.uint8)
            if name.endswith("gray.png"):
                g = small[:, :, 0]
                Image.fromarray(g, "L").save(path(root, cls, name))
                small = np.dstack([g, g, g])
            elif "big" in name:
                # 8x8 with constant 2x2 blocks: area-resizing to 4x4 gives `small` exactly.
                Image.fromarray(np.kron(small, np.ones((2, 2, 1), dtype=np.uint8))).save(path(root, cls, name))
            else:
                Image.fromarray(small).save(path(root, cls, name))
            expected_columns.append([int(v) for v in small.reshape(-1)])  # row, column, channel
            labels.append(label)
    with open(path(root, "dog", "notes.txt"), "w") as f:
        f.write("not an image; ignored\n")
    manifest["imagefolder"] = {"folder": root, "classes": sorted(files), "labels": labels, "columns": expected_columns}


if __name__ == "__main__":
    make_npy()
    make_csv()
    make_idx()
    make_png()
    make_jpeg()
    make_image_folder()
    with open(path("manifest.json"), "w") as f:
        json.dump(manifest, f, separators=(",", ":"))
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(d, n)) for d, _, ns in os.walk(HERE) for n in ns)
    print(f"fixtures written, {total} bytes in total")
