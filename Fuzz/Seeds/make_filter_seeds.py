#!/usr/bin/env python3
"""Writes the seeds of the filter harnesses FuzzLZF, FuzzScaleOffset and FuzzNBit
(Fuzz/Seeds/<target>/*.bin) from the filter test fixtures
(Tests/BackpropHDF5Tests/Fixtures/filters/*.h5, written by h5py with make_filter_fixtures.py).

Each seed is one stored chunk of a dataset whose only filter is the target's (read with h5py's
read_direct_chunk), behind the parameter bytes the harness expects (see each harness's doc
comment): FuzzLZF takes the chunk as it is, FuzzScaleOffset 11 bytes of flags, scale factor,
element count and fill value, FuzzNBit 4 bytes of flags, precision, offset and count. Chunks of
more than 256 elements are left out (the count is one byte).

    python3 Fuzz/Seeds/make_filter_seeds.py      # needs h5py and numpy
"""
import os
import struct

import h5py

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "..", "Tests", "BackpropHDF5Tests", "Fixtures", "filters")


def chunks(path, filter_id):
    """(dataset name, cd_values, stored bytes) of every filtered chunk of the datasets whose
    only filter is `filter_id`."""
    with h5py.File(path, "r") as f:
        for name in sorted(f):
            dataset = f[name].id
            plist = dataset.get_create_plist()
            filters = [plist.get_filter(i) for i in range(plist.get_nfilters())]
            if [entry[0] for entry in filters] != [filter_id]:
                continue
            for i in range(dataset.get_num_chunks()):
                info = dataset.get_chunk_info(i)
                if info.filter_mask != 0:
                    continue
                _, data = dataset.read_direct_chunk(info.chunk_offset)
                yield name, filters[0][2], bytes(data)


def lzf_seed(values, data):
    return data


def scaleoffset_seed(values, data):
    count = values[2]
    if count > 256:
        return None
    is_float, size = values[3] == 1, values[4]
    size_bits = (1 if size == 8 else 0) if is_float else {1: 0, 2: 1, 4: 2, 8: 3}[size]
    flags = is_float | values[5] << 1 | values[6] << 2 | values[7] << 3 | size_bits << 4
    factor = struct.pack("<i", values[1])[0]  # the low byte, read as Int8
    return bytes([flags, factor, count - 1]) + struct.pack("<II", values[8], values[9]) + data


def nbit_seed(values, data):
    count, size, order, precision, offset = values[2], values[4], values[5], values[6], values[7]
    if count > 256 or values[3] != 1:
        return None
    flags = (size - 1) | order << 3 | 1 << 4 | values[1] << 6
    return bytes([flags, precision, offset, count - 1]) + data


def main():
    for target, filter_id, make in (("FuzzLZF", 32000, lzf_seed), ("FuzzScaleOffset", 6, scaleoffset_seed),
                                    ("FuzzNBit", 5, nbit_seed)):
        folder = os.path.join(HERE, target)
        os.makedirs(folder, exist_ok=True)
        for old in os.listdir(folder):
            os.remove(os.path.join(folder, old))
        written = 0
        for file in sorted(os.listdir(FIXTURES)):
            if not file.endswith(".h5"):
                continue
            for k, (name, values, data) in enumerate(chunks(os.path.join(FIXTURES, file), filter_id)):
                seed = make(values, data)
                if seed is None:
                    continue
                with open(os.path.join(folder, f"{file[:-3]}-{name}-{k}.bin"), "wb") as out:
                    out.write(seed)
                written += 1
        print(f"{target}: {written} seeds")


if __name__ == "__main__":
    main()
