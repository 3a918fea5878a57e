"""Writes the crafted HDF5 files of issue 17's data reproducers (Reproducers+Data.swift).

Run with h5py and NumPy: python3 make_data_reproducers.py (in this folder). Every file is a
few kB: the large shapes are declared, never stored.
"""
import struct

import h5py
import numpy as np


def never_written_huge():
    # 2^26 images of 64x64x3 uint8 (768 GiB as Double): contiguous, never written.
    with h5py.File("never_written_huge.h5", "w") as f:
        f.create_dataset("train_set_x", shape=(2**26, 64, 64, 3), dtype="uint8")
        f.create_dataset("train_set_y", shape=(2**26,), dtype="int64")


def never_written_chunked():
    # 302 MB of chunked uint8 images, no chunk ever stored.
    with h5py.File("never_written_chunked.h5", "w") as f:
        f.create_dataset("train_set_x", shape=(24576, 64, 64, 3), dtype="uint8", chunks=(1, 64, 64, 3))
        f.create_dataset("train_set_y", shape=(24576,), dtype="int64", chunks=(1024,))


def partly_written():
    # 2^20 x 64 float64 (512 MiB), one chunk written: valid, but over a 256 MiB budget.
    with h5py.File("partly_written.h5", "w") as f:
        x = f.create_dataset("train_set_x", shape=(2**20, 64), dtype="float64", chunks=(1, 64))
        x[0] = np.arange(64)
        y = f.create_dataset("train_set_y", shape=(2**20,), dtype="int64", chunks=(1024,))
        y[0:2] = [0, 1]


def overwritten_dimension():
    # A valid (77, 5) float64 chunked x whose first dataspace dimension is overwritten by 2^26.
    with h5py.File("overwritten_dimension.h5", "w") as f:
        f.create_dataset("train_set_x", data=np.ones((77, 5)), chunks=(7, 5))
        f.create_dataset("train_set_y", data=np.arange(77) % 2)
    data = bytearray(open("overwritten_dimension.h5", "rb").read())
    dims = struct.pack("<QQ", 77, 5)
    at = data.find(dims)
    assert at > 0
    data[at:at + 8] = struct.pack("<Q", 2**26)
    open("overwritten_dimension.h5", "wb").write(bytes(data))


def labels(name, values):
    with h5py.File(name, "w") as f:
        f.create_dataset("train_set_x", data=np.arange(len(values) * 2, dtype="float64").reshape(len(values), 2))
        f.create_dataset("train_set_y", data=np.array(values))


def damaged_header_version():
    # The object header of train_set_y starts with version 1; a damaged byte there (as after a
    # corrupted address) is damage, not an unsupported version.
    with h5py.File("damaged_header.h5", "w") as f:
        f.create_dataset("train_set_x", data=np.ones((4, 2)))
        y = f.create_dataset("train_set_y", data=np.array([0, 1, 0, 1]))
        address = h5py.h5o.get_info(y.id).addr
    data = bytearray(open("damaged_header.h5", "rb").read())
    assert data[address] == 1
    data[address] = 0x2A
    open("damaged_header.h5", "wb").write(bytes(data))


if __name__ == "__main__":
    never_written_huge()
    never_written_chunked()
    partly_written()
    overwritten_dimension()
    labels("label_2_31.h5", np.array([0, 1, 2**31], dtype="int64"))
    labels("label_2_62.h5", np.array([0.0, 1.0, 2.0**62]))
    damaged_header_version()
