#!/usr/bin/env python3
"""Writes the .npz fixtures whose arrays include strings and an object array (NumPy only).

    python3 Tests/BackpropFormatsTests/Fixtures/npz/make_class_names.py

- class_names.npz: the course's layout as np.savez writes it: train_set_x uint8 (4, 2, 2, 3),
  train_set_y int64 (1, 4), list_classes byte strings |S7 [b"non-cat", b"cat"], and `notes`, an
  object array (pickled) that Backprop cannot read and the loader does not need.
- unicode_classes.npz: x float64 (3, 2), y int64 (3,), classes unicode <U5 ["ant", "bee", "wasp"].
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
x = np.arange(4 * 2 * 2 * 3, dtype=np.uint8).reshape(4, 2, 2, 3)
y = np.array([[0, 1, 1, 0]], dtype=np.int64)
classes = np.array([b"non-cat", b"cat"])
assert classes.dtype.str == "|S7"
notes = np.array([{"taken": "2026"}, None], dtype=object)
np.savez(os.path.join(HERE, "class_names.npz"), train_set_x=x, train_set_y=y, list_classes=classes, notes=notes)

features = np.array([[0.5, -1.0], [2.0, 0.25], [1.0, 3.0]])
labels = np.array([0, 2, 1], dtype=np.int64)
names = np.array(["ant", "bee", "wasp"])
assert names.dtype.str == "<U4"
np.savez_compressed(os.path.join(HERE, "unicode_classes.npz"), x=features, y=labels, classes=names)
