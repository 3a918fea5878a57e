#!/usr/bin/env python3
"""Checks that the model files `backprop` writes are what other tools expect.

For each of a few small models trained by the built executable (float32 and float64; sigmoid,
softmax; relu, tanh, leaky-relu hidden layers), this script
  1. loads the model with `safetensors.numpy.load_file` (the reference reader: it validates the
     header, offsets and sizes itself),
  2. checks the tensor names are those of a PyTorch `nn.Sequential` of `nn.Linear` layers with
     the activations as separate modules (0.weight (out, in), 0.bias (out), 2.weight, ...),
     and that the metadata describes the architecture,
  3. recomputes the outputs with NumPy from the metadata alone and compares them with
     `backprop predict --json` (tolerance 1e-5 float32, 1e-12 float64),
  4. if PyTorch is importable, builds the module from the `pytorch` metadata and runs
     `load_state_dict(load_file(path))`.

Usage (CI runs it only when `import safetensors, numpy` works; exits 0 after printing SKIP
otherwise):
    python3 Tests/BackpropCLITests/check_safetensors.py .build/debug/backprop
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "BackpropTestSupport", "python"))
from reference import activation  # noqa: E402

try:
    import numpy as np
    from safetensors.numpy import load_file
except ImportError as error:  # pragma: no cover
    print(f"SKIP: {error} (pip install safetensors numpy)")
    sys.exit(0)


def check(backprop, folder, name, train_args, dtype):
    model = os.path.join(folder, name + ".safetensors")
    subprocess.run([backprop, "train", *train_args, "--dtype", dtype, "--save", model, "--no-plot", "--quiet"],
                   check=True, cwd=folder, stdout=subprocess.DEVNULL)
    data = os.path.join(folder, name + ".csv")
    subprocess.run([backprop, "convert", train_args[1], data], check=True, cwd=folder, stdout=subprocess.DEVNULL)
    predicted = subprocess.run([backprop, "predict", "--model", model, data, "--json"],
                               check=True, cwd=folder, capture_output=True, text=True).stdout
    outputs = np.array([json.loads(line)["outputs"] for line in predicted.splitlines()]).T

    tensors = load_file(model)
    from safetensors import safe_open
    with safe_open(model, framework="numpy") as f:
        meta = f.metadata()
    sizes = json.loads(meta["layer_sizes"])
    activations = json.loads(meta["activations"])
    assert meta["format"] == "backprop.model" and meta["dtype"] == dtype, meta
    expected_names = {f"{2 * l}.{kind}" for l in range(len(sizes) - 1) for kind in ("weight", "bias")}
    assert set(tensors) == expected_names, sorted(tensors)
    np_dtype = np.float32 if dtype == "float32" else np.float64
    X = np.loadtxt(data, delimiter=",", skiprows=1)[:, :-1].T
    A = X.astype(np_dtype)
    for l in range(len(sizes) - 1):
        W, b = tensors[f"{2 * l}.weight"], tensors[f"{2 * l}.bias"]
        assert W.shape == (sizes[l + 1], sizes[l]) and b.shape == (sizes[l + 1],) and W.dtype == np_dtype
        A = activation(activations[l], W @ A + b[:, None]).astype(np_dtype)
    tolerance = 1e-5 if dtype == "float32" else 1e-12
    difference = np.abs(A.astype(np.float64) - outputs).max()
    assert difference <= tolerance, f"{name}: outputs differ by {difference}"
    print(f"ok {name}: {sizes} {activations} {dtype}, {X.shape[1]} examples, max difference {difference:.3g}")

    try:
        import torch
        from safetensors.torch import load_file as load_torch
    except ImportError:
        return
    module = eval(meta["pytorch"], {"torch": torch})
    if dtype == "float64":
        module = module.double()
    module.load_state_dict(load_torch(model))
    with torch.no_grad():
        out = module(torch.tensor(X.T, dtype=torch.float32 if dtype == "float32" else torch.float64)).numpy().T
    assert np.abs(out - outputs).max() <= max(tolerance, 1e-5), "torch outputs differ"
    print(f"ok {name}: torch load_state_dict")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    backprop = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as folder:
        check(backprop, folder, "flower", ["--data", "flower", "--layers", "2,6,1", "--hidden-activation", "tanh",
                                           "--iterations", "200", "--seed", "2"], "float32")
        check(backprop, folder, "flower64", ["--data", "flower", "--layers", "2,5,3,1", "--hidden-activation", "leaky-relu:0.2",
                                             "--iterations", "100", "--seed", "5"], "float64")
        check(backprop, folder, "spirals", ["--data", "spirals", "--layers", "2,16,3", "--iterations", "200"], "float32")
    print("check_safetensors.py: all models agree")


if __name__ == "__main__":
    main()
