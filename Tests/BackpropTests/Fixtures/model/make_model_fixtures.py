"""Writes model files in Backprop's format with the reference safetensors writer, and the
outputs NumPy computes for them, for ModelFileTests (an independent check of the tensor naming,
the metadata and the forward pass).

Needs `pip install safetensors numpy` (safetensors 0.8.0, NumPy 2.4.6 used). Run from this folder:
python3 make_model_fixtures.py
"""
import json
import os
import sys

import numpy as np
from safetensors.numpy import save_file

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "BackpropTestSupport", "python"))
from reference import activation  # noqa: E402

rng = np.random.default_rng(11)


def write(path, sizes, activations, loss, dtype, class_names, scaler=None, examples=6):
    tensors = {}
    for l in range(1, len(sizes)):
        tensors[f"{2 * (l - 1)}.weight"] = rng.standard_normal((sizes[l], sizes[l - 1])).astype(dtype)
        tensors[f"{2 * (l - 1)}.bias"] = rng.standard_normal(sizes[l]).astype(dtype)
    meta = {
        "format": "backprop.model", "format_version": "1",
        "layer_sizes": json.dumps(sizes), "activations": json.dumps(activations), "loss": loss,
        "dtype": "float64" if dtype == np.float64 else "float32",
        "class_names": json.dumps(class_names), "training": "{}", "metrics": "{}",
    }
    if scaler is not None:
        # FeatureScaler's metadata: x' = (x - offset) / scale per feature.
        meta["scaler.kind"] = scaler["kind"]
        meta["scaler.offsets"] = ",".join(repr(float(v)) for v in scaler["offsets"])
        meta["scaler.scales"] = ",".join(repr(float(v)) for v in scaler["scales"])
    save_file(tensors, path, metadata=meta)
    X = rng.standard_normal((sizes[0], examples))
    A = X.astype(dtype)
    if scaler is not None:
        A = ((X - np.array(scaler["offsets"])[:, None]) / np.array(scaler["scales"])[:, None]).astype(dtype)
    for l in range(1, len(sizes)):
        W, b = tensors[f"{2 * (l - 1)}.weight"], tensors[f"{2 * (l - 1)}.bias"]
        A = activation(activations[l - 1], W @ A + b[:, None]).astype(dtype)
    return {"X": X.tolist(), "outputs": A.astype(np.float64).tolist()}


expected = {
    "multiclass_f64.safetensors": write(
        "multiclass_f64.safetensors", [4, 5, 3, 3], ["relu", "tanh", "softmax"], "categorical-cross-entropy",
        np.float64, ["red", "green", "blue"],
        scaler={"kind": "standardize", "offsets": [0.5, -1.0, 0.0, 2.0], "scales": [2.0, 0.5, 1.0, 4.0]}),
    "binary_f32.safetensors": write(
        "binary_f32.safetensors", [3, 4, 1], ["relu", "sigmoid"], "binary-cross-entropy", np.float32, ["no", "yes"]),
}
with open("expected.json", "w") as f:
    json.dump(expected, f, indent=1)
