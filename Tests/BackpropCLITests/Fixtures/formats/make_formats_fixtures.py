"""Writes the small data files of CLIFormatsTests (the `backprop` tool end to end on every
data format) and expected.json with the statistics NumPy computes for them.

Needs only NumPy (2.4.6 used; `pip install numpy`). Run from this folder:
python3 make_formats_fixtures.py

Files (60 examples each, seeded, deterministic):
  blobs.npz                 x (60, 4) float64, y (60,) int64: 3 classes, features on very
                            different scales (around 1000, -50, 0.001, 20) so scaling matters
  blobs.csv                 header, label column "species" FIRST, 6 numeric features, one
                            header name quoted because it holds a comma
  blobs_semicolon.csv       the same rows: no header, ';' delimiter, label (class index) in column 2
  blobs_features.csv        the first 10 rows of blobs.csv without the label column (for predict)
  shapes-images-idx3-ubyte  MNIST IDX written by hand: 60 uint8 images 8x8 of 4 patterns
  shapes-labels-idx1-ubyte  their labels (0..3)
  shapes-images-idx3-ubyte.gz / shapes-labels-idx1-ubyte.gz   the same, gzip-compressed
  bad/wrong_fields.csv      line 5 has 8 fields where the header has 7
  bad/truncated.npy         a float64 (5, 4) array cut 12 bytes short
  bad/truncated.npz         blobs.npz cut in the middle
"""
import csv
import gzip
import io
import json
import os
import struct

import numpy as np

rng = np.random.default_rng(2024)
os.makedirs("bad", exist_ok=True)
expected = {}

# --- blobs.npz: 3 well-separated classes in standardised space, 4 features of wild scales.
m = 60
labels = np.repeat(np.arange(3), m // 3)
rng.shuffle(labels)
centres = np.array([[0, 0, 0, 0], [3, 3, 0, 0], [0, 3, 3, 3]], dtype=np.float64)
offsets = np.array([1000.0, -50.0, 0.001, 20.0])
spreads = np.array([100.0, 5.0, 0.0001, 2.0])
z = centres[labels] + rng.standard_normal((m, 4)) * 1.1
x = offsets + z * spreads
np.savez_compressed("blobs.npz", x=x, y=labels.astype(np.int64))
expected["blobs_npz"] = {"labels": labels.tolist(), "mean": x.mean(axis=0).tolist(), "std": x.std(axis=0).tolist(),
                         "min": x.min(axis=0).tolist(), "max": x.max(axis=0).tolist()}

# --- blobs.csv: 6 features (the 4 above plus 2 more), label names, label column first.
names = np.array(["setosa", "versicolor", "virginica"])
extra = np.column_stack([labels * 1.0 + rng.standard_normal(m) * 1.0, -labels + rng.standard_normal(m) * 1.0])
features = np.round(np.column_stack([x, extra]), 6)
header = ["species", "sepal length", "sepal, width", "petal length", "petal width", "f5", "f6"]
with open("blobs.csv", "w", newline="") as f:
    writer = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(header)
    for label, row in zip(labels, features):
        writer.writerow([names[label]] + [repr(float(v)) for v in row])
with open("blobs_semicolon.csv", "w", newline="") as f:
    writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
    for label, row in zip(labels, features):
        values = [repr(float(v)) for v in row]
        writer.writerow(values[:2] + [str(label)] + values[2:])
with open("blobs_features.csv", "w", newline="") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(header[1:])
    for row in features[:10]:
        writer.writerow([repr(float(v)) for v in row])
# What pandas/NumPy would compute from the file's numbers (read back, as the tool does).
with open("blobs.csv", newline="") as f:
    rows = list(csv.reader(f))[1:]
read = np.array([[float(v) for v in r[1:]] for r in rows])
expected["blobs_csv"] = {"labels": [int(np.searchsorted(names, r[0])) for r in rows], "class_names": names.tolist(),
                         "mean": read.mean(axis=0).tolist(), "std": read.std(axis=0).tolist(),
                         "min": read.min(axis=0).tolist(), "max": read.max(axis=0).tolist()}

# --- MNIST-style IDX: 8x8 images of 4 patterns (horizontal bar, vertical bar, diagonal, box).
def pattern(kind):
    image = np.zeros((8, 8))
    if kind == 0:
        image[3:5, 1:7] = 1
    elif kind == 1:
        image[1:7, 3:5] = 1
    elif kind == 2:
        np.fill_diagonal(image, 1)
    else:
        image[1, 1:7] = image[6, 1:7] = image[1:7, 1] = image[1:7, 6] = 1
    return image

shape_labels = np.tile(np.arange(4), m // 4)
rng.shuffle(shape_labels)
images = np.stack([pattern(k) * 200 + rng.integers(0, 50, (8, 8)) for k in shape_labels]).astype(np.uint8)

def idx(array):
    code = {np.dtype(np.uint8): 0x08}[array.dtype]
    return struct.pack(">BBBB", 0, 0, code, array.ndim) + b"".join(struct.pack(">I", d) for d in array.shape) + array.tobytes()

image_bytes, label_bytes = idx(images), idx(shape_labels.astype(np.uint8))
for name, data in [("shapes-images-idx3-ubyte", image_bytes), ("shapes-labels-idx1-ubyte", label_bytes)]:
    with open(name, "wb") as f:
        f.write(data)
    with open(name + ".gz", "wb") as raw:
        with gzip.GzipFile(filename=name, mode="wb", fileobj=raw, mtime=0) as f:
            f.write(data)
expected["shapes_idx"] = {"labels": shape_labels.tolist(), "pixel_sum": int(images.astype(np.int64).sum()),
                          "first_image": images[0].reshape(-1).tolist()}

# --- Bad input.
with open("bad/wrong_fields.csv", "w", newline="") as f:
    f.write("species,a,b,c,d,e,f\n")
    f.write("setosa,1,2,3,4,5,6\n")
    f.write("virginica,1,2,3,4,5,6\n")
    f.write("setosa,1,2,3,4,5,6\n")
    f.write("virginica,1,2,3,4,5,6,7\n")
buffer = io.BytesIO()
np.save(buffer, np.arange(20, dtype=np.float64).reshape(5, 4))
with open("bad/truncated.npy", "wb") as f:
    f.write(buffer.getvalue()[:-12])
expected["truncated_npy"] = {"full_size": len(buffer.getvalue()), "size": len(buffer.getvalue()) - 12}
with open("blobs.npz", "rb") as f:
    whole = f.read()
with open("bad/truncated.npz", "wb") as f:
    f.write(whole[: len(whole) // 2])

with open("expected.json", "w") as f:
    json.dump(expected, f, indent=1)
