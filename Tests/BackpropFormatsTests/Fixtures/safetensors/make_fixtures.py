"""Writes the safetensors fixtures for SafeTensorsFileTests.

Valid files are written by the reference implementation (`pip install safetensors numpy`;
safetensors 0.8.0 and NumPy 2.4.6 were used); the corrupt ones are made by editing the bytes of a
valid file, one broken rule each. `manifest.json` lists every valid tensor's dtype, shape and
values (as float64) and, for every corrupt file, the FormatError reason the reader must give.

Run from this folder: python3 make_fixtures.py
"""
import json
import struct

import numpy as np
from safetensors.numpy import save_file

rng = np.random.default_rng(7)
tensors = {
    "0.weight": rng.standard_normal((3, 2)).astype(np.float32),
    "0.bias": rng.standard_normal(3).astype(np.float64),
    "counts": np.array([-5, 0, 2**40], dtype=np.int64),
    "pixels": np.array([[0, 255], [7, 128]], dtype=np.uint8),
    "half": np.array([1.5, -0.25, 65504.0, 6e-8], dtype=np.float16),
    "small": np.array([-3, 4], dtype=np.int16),
    "flags": np.array([True, False, True]),
    "scalar": np.array(2.5, dtype=np.float32),
    "empty": np.zeros((0, 4), dtype=np.float32),
}
metadata = {"format": "pt", "note": "quote \" backslash \\ unicode é"}
save_file(tensors, "mixed.safetensors", metadata=metadata)
save_file({"only": np.arange(6, dtype=np.float64).reshape(2, 3)}, "plain.safetensors")

manifest = {"valid": {}, "corrupt": {}}
dtype_names = {"float32": "F32", "float64": "F64", "int64": "I64", "uint8": "U8",
               "float16": "F16", "int16": "I16", "bool": "BOOL"}
manifest["valid"]["mixed.safetensors"] = {
    "metadata": metadata,
    "tensors": {name: {"dtype": dtype_names[str(a.dtype)], "shape": list(a.shape),
                       "values": [float(v) for v in a.reshape(-1)]} for name, a in tensors.items()},
}
manifest["valid"]["plain.safetensors"] = {
    "metadata": {},
    "tensors": {"only": {"dtype": "F64", "shape": [2, 3], "values": [float(v) for v in range(6)]}},
}

base = open("plain.safetensors", "rb").read()
(n,) = struct.unpack("<Q", base[:8])
header = json.loads(base[8:8 + n])
data = base[8 + n:]


def build(header_obj=None, data_bytes=data, raw_header=None, length=None):
    text = raw_header if raw_header is not None else json.dumps(header_obj).encode()
    return struct.pack("<Q", len(text) if length is None else length) + text + data_bytes


def two(extra):
    h = {"a": {"dtype": "F64", "shape": [2], "data_offsets": [0, 16]}}
    h.update(extra)
    return h


corrupt = {
    "empty_file": (b"", "truncated"),
    "short_length": (b"\x10\x00\x00", "truncated"),
    "header_past_end": (build(length=10_000, raw_header=b'{"a":1}'), "truncated"),
    "huge_header_length": (struct.pack("<Q", 2**62) + b"{}", "invalid"),
    "not_json": (build(raw_header=b"{not json}   "), "invalid"),
    "not_object": (build(raw_header=b"[1, 2, 3]"), "invalid"),
    "trailing_garbage_in_header": (build(raw_header=json.dumps(header).encode() + b" x"), "invalid"),
    "duplicate_names": (build(raw_header=b'{"a":{"dtype":"F64","shape":[3],"data_offsets":[0,24]},'
                                          b'"a":{"dtype":"F64","shape":[3],"data_offsets":[24,48]}}'), "invalid"),
    "size_mismatch": (build({"only": {"dtype": "F64", "shape": [2, 2], "data_offsets": [0, 48]}}), "mismatch"),
    "past_buffer": (build({"only": {"dtype": "F64", "shape": [2, 4], "data_offsets": [0, 64]}}), "truncated"),
    "gap": (build(two({"b": {"dtype": "F64", "shape": [3], "data_offsets": [24, 48]}})), "invalid"),
    "overlap": (build(two({"b": {"dtype": "F64", "shape": [4], "data_offsets": [8, 40]}})), "invalid"),
    "trailing_data": (build(header, data + b"\x00" * 8), "invalid"),
    "unknown_dtype": (build({"only": {"dtype": "Q7", "shape": [6], "data_offsets": [0, 48]}}), "unsupported"),
    "negative_shape": (build({"only": {"dtype": "F64", "shape": [-6], "data_offsets": [0, 48]}}), "invalid"),
    "missing_offsets": (build({"only": {"dtype": "F64", "shape": [6]}}), "invalid"),
    "metadata_not_strings": (build(dict(header, __metadata__={"epochs": 3})), "invalid"),
    "overflowing_shape": (build({"only": {"dtype": "F64", "shape": [2**40, 2**40], "data_offsets": [0, 48]}}), "mismatch"),
    "deep_nesting": (build(raw_header=b'{"a":' + b"[" * 40 + b"]" * 40 + b"}"), "invalid"),
}
for name, (content, reason) in corrupt.items():
    with open(f"corrupt_{name}.safetensors", "wb") as f:
        f.write(content)
    manifest["corrupt"][f"corrupt_{name}.safetensors"] = reason

with open("manifest.json", "w") as f:
    json.dump(manifest, f, indent=1, sort_keys=True, ensure_ascii=False)
