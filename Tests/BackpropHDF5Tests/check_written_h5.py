#!/usr/bin/env python3
"""Checks that h5py reads the HDF5 files Backprop writes (HDF5Writer, `backprop convert … .h5`).

Two modes:

  python3 check_written_h5.py MANIFEST.json
      MANIFEST.json (written by HDF5WriterTests) names a file and every object Backprop wrote in
      it: groups, and datasets with their dtype, shape, bytes (hex, little-endian, row-major) or
      strings, chunk shape, compression, shuffle, and attributes. h5py opens the file, and its
      `visititems` listing (the structure `h5dump -H` shows) must be exactly the manifest's
      objects, each with the manifest's dtype, shape, storage, values and attributes.

  python3 check_written_h5.py --backprop path/to/backprop
      Makes an image folder from the CLI fixtures (bright.png, dark.png), converts it with
      `backprop convert` to .h5 and to .npz, then runs the course notebook's loader code on the
      .h5 exactly as written there, and checks: train_set_x uint8 (m, 64, 64, 3) whose
      `reshape(m, -1).T / 255` equals the .npz's x, train_set_y int64 (m,) equal to its y,
      list_classes the class folders' names as |S bytes. Then the same for float features
      (the built-in `flower` set): train_set_x float64 (m, 2) equal to x.T. `backprop inspect`
      and `backprop train --data` must read the written files.

Prints SKIP and exits 0 when numpy or h5py cannot be imported.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

try:
    import numpy as np
    import h5py
except ImportError as error:  # pragma: no cover
    print(f"SKIP: {error} (pip install numpy h5py)")
    sys.exit(0)

HERE = os.path.dirname(os.path.abspath(__file__))
CLI_FIXTURES = os.path.join(HERE, "..", "BackpropCLITests", "Fixtures", "cli")


def listing(f):
    """Every object below the root as (path, kind), h5py's visititems order."""
    found = []
    f.visititems(lambda name, obj: found.append(("/" + name, "group" if isinstance(obj, h5py.Group) else "dataset")))
    return found


def describe(name, obj):
    """One line per object, like `h5dump -H`: kind, dtype, shape, chunks, filters, attributes."""
    if isinstance(obj, h5py.Group):
        line = f"GROUP /{name}"
    else:
        filters = [x for x in (obj.compression and f"{obj.compression}({obj.compression_opts})",
                               obj.shuffle and "shuffle") if x]
        line = f"DATASET /{name} {obj.dtype.str} {obj.shape} chunks={obj.chunks} filters={filters}"
    for key in sorted(obj.attrs):
        value = obj.attrs[key]
        line += f"\n    ATTRIBUTE {key} {np.asarray(value).dtype.str} {np.shape(value)}"
    return line


def value_bytes(value, dtype):
    return np.ascontiguousarray(np.asarray(value, dtype=dtype)).tobytes().hex()


def check_values(where, value, expected):
    dtype = np.dtype(expected["dtype"])
    array = np.asarray(value)
    assert array.dtype == dtype, f"{where}: dtype {array.dtype.str}, expected {dtype.str}"
    assert list(array.shape) == expected["shape"], f"{where}: shape {array.shape}, expected {expected['shape']}"
    assert value_bytes(array, dtype) == expected["hex"], f"{where}: values differ: {array.ravel()[:8]}"


def check_manifest(path):
    with open(path) as handle:
        manifest = json.load(handle)
    objects = manifest["objects"]
    with h5py.File(manifest["file"], "r") as f:
        found = dict(listing(f))
        expected = {name: entry["kind"] for name, entry in objects.items() if name != "/"}
        assert found == expected, f"structure differs:\n h5py: {sorted(found.items())}\n manifest: {sorted(expected.items())}"
        for name, entry in sorted(objects.items()):
            obj = f[name]
            if entry["kind"] == "dataset":
                check_values(name, obj[()], entry)
                chunks = tuple(entry["chunks"]) if entry["chunks"] is not None else None
                assert obj.chunks == chunks, f"{name}: chunks {obj.chunks}, expected {chunks}"
                assert obj.compression == entry["compression"], f"{name}: compression {obj.compression}"
                assert obj.compression_opts == entry["compression_opts"], f"{name}: level {obj.compression_opts}"
                assert obj.shuffle == entry["shuffle"], f"{name}: shuffle {obj.shuffle}"
            assert sorted(obj.attrs) == sorted(entry["attrs"]), f"{name}: attributes {sorted(obj.attrs)}"
            for key, attribute in entry["attrs"].items():
                check_values(f"{name}@{key}", obj.attrs[key], attribute)
        print(describe("", f))
        f.visititems(lambda name, obj: print(describe(name, obj)))
    datasets = sum(1 for entry in objects.values() if entry["kind"] == "dataset")
    attributes = sum(len(entry["attrs"]) for entry in objects.values())
    print(f"check_written_h5.py: h5py {h5py.__version__} (HDF5 {h5py.version.hdf5_version}) read {datasets} datasets, "
          f"{len(objects) - datasets} groups, {attributes} attributes of {os.path.basename(manifest['file'])}: all equal")


def course_loader(path):
    """The course notebook's loader code, as written there."""
    train_dataset = h5py.File(path, "r")
    train_set_x_orig = np.array(train_dataset["train_set_x"][:])
    train_set_y_orig = np.array(train_dataset["train_set_y"][:])
    classes = np.array(train_dataset["list_classes"][:])
    train_dataset.close()
    return train_set_x_orig, train_set_y_orig, classes


def run(backprop, folder, *arguments):
    return subprocess.run([backprop, *arguments], check=True, cwd=folder, capture_output=True, text=True).stdout


def check_images(backprop, folder):
    images = os.path.join(folder, "photos")
    for label, files in {"bright": ["bright.png", "bright.png"], "dark": ["dark.png", "bright.png", "dark.png"]}.items():
        os.makedirs(os.path.join(images, label))
        for k, name in enumerate(files):
            shutil.copy(os.path.join(CLI_FIXTURES, name), os.path.join(images, label, f"{k}.png"))
    run(backprop, folder, "convert", "photos", "photos.h5")
    run(backprop, folder, "convert", "photos", "photos.npz")
    train_set_x_orig, train_set_y_orig, classes = course_loader(os.path.join(folder, "photos.h5"))
    m = train_set_x_orig.shape[0]
    assert train_set_x_orig.dtype == np.uint8 and train_set_x_orig.shape == (5, 64, 64, 3), train_set_x_orig.shape
    assert train_set_y_orig.dtype == np.int64 and train_set_y_orig.shape == (5,), train_set_y_orig.shape
    assert classes.dtype.kind == "S" and list(classes) == [b"bright", b"dark"], classes
    reference = np.load(os.path.join(folder, "photos.npz"))
    train_x = train_set_x_orig.reshape(m, -1).T / 255
    assert np.array_equal(train_x, reference["x"]), "pixels differ from the .npz conversion"
    assert np.array_equal(train_set_y_orig, reference["y"].ravel()), (train_set_y_orig, reference["y"])
    assert list(train_set_y_orig) == [0, 0, 1, 1, 1]
    inspect = run(backprop, folder, "inspect", "photos.h5")
    assert "train_set_x  (5, 64, 64, 3)  uint8" in inspect, inspect
    run(backprop, folder, "train", "--data", "photos.h5", "--layers", "12288,1", "--iterations", "5", "--no-plot", "--quiet")
    print(f"ok image folder → photos.h5: train_set_x {train_set_x_orig.dtype} {train_set_x_orig.shape}, "
          f"train_set_y {train_set_y_orig.dtype} {train_set_y_orig.shape}, list_classes {classes.dtype.str} {[c.decode() for c in classes]}; "
          f"the course's loader reads it, x/255 equals the .npz")


def check_features(backprop, folder):
    run(backprop, folder, "convert", "flower", "flower.h5")
    run(backprop, folder, "convert", "flower", "flower.npz")
    x, y, classes = course_loader(os.path.join(folder, "flower.h5"))
    reference = np.load(os.path.join(folder, "flower.npz"))
    assert x.dtype == np.float64 and x.shape == (reference["x"].shape[1], 2), (x.dtype, x.shape)
    assert np.array_equal(x.T, reference["x"]) and np.array_equal(y, reference["y"].ravel())
    assert classes.dtype.kind == "S" and len(classes) == 2, classes
    run(backprop, folder, "train", "--data", "flower.h5", "--layers", "2,4,1", "--iterations", "5", "--no-plot", "--quiet")
    print(f"ok flower → flower.h5: train_set_x {x.dtype} {x.shape} equals the .npz's x.T, list_classes {[c.decode() for c in classes]}")


def main():
    if len(sys.argv) == 2 and sys.argv[1].endswith(".json"):
        check_manifest(sys.argv[1])
    elif len(sys.argv) == 3 and sys.argv[1] == "--backprop":
        backprop = os.path.abspath(sys.argv[2])
        with tempfile.TemporaryDirectory() as folder:
            check_images(backprop, folder)
            check_features(backprop, folder)
        print("check_written_h5.py: backprop convert writes what the course's h5py code reads")
    else:
        print(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main()
