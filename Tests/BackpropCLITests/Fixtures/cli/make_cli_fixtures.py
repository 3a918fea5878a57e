"""Writes the small inputs of the command-line end-to-end tests (CLIEndToEndTests).

- tiny_images.h5: a course-shaped HDF5 file (h5py): train_set_x (12, 4, 4, 3) uint8,
  train_set_y (12,) int64 (1 when the image is bright), list_classes [b"dark", b"bright"];
  expected.json holds train_set_x as the flat list NumPy reads, for `backprop export`.
- bright.png, dark.png: 7×5 RGB images (Pillow) for `backprop predict`.
- not_hdf5.h5: text, for the "wrong content for its extension" error.

Needs `pip install h5py Pillow numpy` (h5py 3.16.0, Pillow 13.0.0, NumPy 2.4.6 used).
Run from this folder: python3 make_cli_fixtures.py
"""
import json

import h5py
import numpy as np
from PIL import Image

rng = np.random.default_rng(5)
labels = np.array([0, 1] * 6, dtype=np.int64)
x = np.where(labels[:, None, None, None] == 1,
             rng.integers(170, 256, (12, 4, 4, 3)), rng.integers(0, 86, (12, 4, 4, 3))).astype(np.uint8)
with h5py.File("tiny_images.h5", "w") as f:
    f["train_set_x"] = x
    f["train_set_y"] = labels
    f["list_classes"] = np.array([b"dark", b"bright"])

Image.fromarray(np.full((5, 7, 3), 230, dtype=np.uint8)).save("bright.png")
Image.fromarray(np.full((5, 7, 3), 20, dtype=np.uint8)).save("dark.png")
with open("not_hdf5.h5", "w") as f:
    f.write("this is text, not an HDF5 file\n")
with open("expected.json", "w") as f:
    json.dump({"train_set_x": {"shape": list(x.shape), "values": x.reshape(-1).tolist()},
               "train_set_y": labels.tolist()}, f)
