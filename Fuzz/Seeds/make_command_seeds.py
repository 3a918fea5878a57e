#!/usr/bin/env python3
"""Writes the seeds of the command harnesses (FuzzTrainCommand, FuzzInferenceCommand) from the
test fixtures, in the layout of Fuzz/Sources/FuzzCommandSupport/CommandInput.swift:

    byte 0      selector: bits 0-2 the kind (h5, npz, csv, tsv, idx, idx.gz, png, jpg), bits 3-7 options
    [inference] UInt32 LE model length, the model (safetensors)
    rest        the data file; IDX: UInt32 LE images length, images, labels

It also writes the hand-made inputs of Fuzz/Regressions/FuzzTrainCommand and
Fuzz/Regressions/FuzzInferenceCommand (named `throws-…`: each must be refused with an error):
the issue-17 classes a command harness reaches (a label used as a class count, a label gap,
NaN features at inference, a model that does not fit the data).

The models are trained by the backprop executable given as the first argument (default
.build/debug/backprop of the main package), for 2 iterations, on the same fixtures.

    python3 Fuzz/Seeds/make_command_seeds.py [BACKPROP]
"""
import os
import struct
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
formats = os.path.join(root, "Tests/BackpropCLITests/Fixtures/formats")
cli = os.path.join(root, "Tests/BackpropCLITests/Fixtures/cli")
images = os.path.join(root, "Tests/BackpropFormatsTests/Fixtures")
backprop = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build/debug/backprop")
KINDS = ["h5", "npz", "csv", "tsv", "idx", "idx.gz", "png", "jpg"]


def read(path):
    with open(path, "rb") as f:
        return f.read()


def data_part(kind, path):
    if kind.startswith("idx"):
        labels = path.replace("images-idx3", "labels-idx1")
        first = read(path)
        return struct.pack("<I", len(first)) + first + read(labels)
    return read(path)


def selector(kind, options=0):
    return bytes([KINDS.index(kind) | options << 3])


def train_model(path, layers, folder, name):
    out = os.path.join(folder, name)
    subprocess.run([backprop, "train", "--data", path, "--layers", layers, "--iterations", "2", "--quiet",
                    "--no-plot", "--save", out], check=True, stdout=subprocess.DEVNULL)
    return read(out)


def small_table(folder, delimiter):
    """12 rows of three features and a class label 0, 1 or 2 (the last column)."""
    path = os.path.join(folder, "table.tsv" if delimiter == "\t" else "table.csv")
    rows = [delimiter.join(["a", "b", "c", "label"])]
    for i in range(12):
        rows.append(delimiter.join([f"{(i * 7) % 5 / 4:.2f}", f"{(i * 3) % 4 / 3:.2f}", f"{i / 11:.3f}", str(i % 3)]))
    with open(path, "w") as f:
        f.write("\n".join(rows) + "\n")
    return path


def main():
    tables = tempfile.mkdtemp()
    data = [
        ("h5", os.path.join(cli, "tiny_images.h5")),
        ("npz", os.path.join(formats, "blobs.npz")),
        ("csv", small_table(tables, ",")),
        ("tsv", small_table(tables, "\t")),
        ("idx", os.path.join(formats, "shapes-images-idx3-ubyte")),
        ("idx.gz", os.path.join(formats, "shapes-images-idx3-ubyte.gz")),
    ]
    for kind, path in data:
        for options in (0, 1, 6):
            name = f"{kind}-{options}-{os.path.basename(path)}"
            with open(os.path.join(here, "FuzzTrainCommand", name), "wb") as f:
                f.write(selector(kind, options) + data_part(kind, path))
    with tempfile.TemporaryDirectory() as folder:
        models = {
            "h5": train_model(os.path.join(cli, "tiny_images.h5"), "48,3,1", folder, "h5.safetensors"),
            "csv": train_model(small_table(tables, ","), "3,4,3", folder, "csv.safetensors"),
        }
        pairs = [("h5", "h5", os.path.join(cli, "tiny_images.h5")), ("csv", "csv", small_table(tables, ",")),
                 ("csv", "tsv", small_table(tables, "\t")), ("h5", "png", os.path.join(cli, "bright.png"))]
        for model, kind, path in pairs:
            for options in (0, 1):
                name = f"{model}-{kind}-{options}-{os.path.basename(path)}"
                blob = models[model]
                with open(os.path.join(here, "FuzzInferenceCommand", name), "wb") as f:
                    f.write(selector(kind, options) + struct.pack("<I", len(blob)) + blob + data_part(kind, path))


def write_regression(target, name, blob):
    folder = os.path.join(os.path.dirname(here), "Regressions", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(blob)


def regressions():
    huge = "a,b,label\n0.1,0.2,0\n0.3,0.4,1000000\n0.5,0.6,0\n"
    gap = "a,b,label\n0.1,0.2,0\n0.3,0.4,2\n0.5,0.6,0\n"
    write_regression("FuzzTrainCommand", "throws-csv-label-1000000", selector("csv") + huge.encode())
    write_regression("FuzzTrainCommand", "throws-csv-label-gap", selector("csv") + gap.encode())
    write_regression("FuzzTrainCommand", "throws-csv-nan-feature", selector("csv") + b"a,b,label\n0.1,nan,0\n0.3,0.4,1\n")
    with tempfile.TemporaryDirectory() as folder:
        table = small_table(folder, ",")
        model = train_model(table, "3,4,3", folder, "m.safetensors")
        nan_rows = "a,b,c,label\n0.1,0.2,nan,0\n0.3,0.4,0.5,1\n"
        write_regression("FuzzInferenceCommand", "throws-csv-nan-feature",
                         selector("csv") + struct.pack("<I", len(model)) + model + nan_rows.encode())
        write_regression("FuzzInferenceCommand", "throws-csv-two-features-for-three",
                         selector("csv") + struct.pack("<I", len(model)) + model + b"a,b,label\n0.1,0.2,0\n")
        write_regression("FuzzInferenceCommand", "throws-truncated-model",
                         selector("csv") + struct.pack("<I", 40) + model[:40] + read(table))


if __name__ == "__main__":
    regressions()
    main()
