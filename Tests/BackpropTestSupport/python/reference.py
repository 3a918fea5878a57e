"""Reference implementations shared by the Python fixture generators and checkers under Tests/
(independent of Backprop: NumPy, or the standard library only for `paeth`).

A script imports it by its path from the script's own folder, e.g. from Tests/<Target>/:
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "BackpropTestSupport", "python"))
    import reference
"""


def activation(name, z):
    """An activation's forward pass on a NumPy array: relu, tanh, sigmoid, identity (a copy),
    leaky-relu[:slope] (slope 0.01 unless given) and softmax (per column, shifted by the
    column's maximum)."""
    import numpy as np

    if name == "relu":
        return np.maximum(0, z)
    if name == "tanh":
        return np.tanh(z)
    if name == "sigmoid":
        return 1 / (1 + np.exp(-z))
    if name == "identity":
        return z.copy()
    if name.startswith("leaky-relu"):
        slope = float(name.split(":")[1]) if ":" in name else 0.01
        return np.where(z > 0, z, slope * z)
    if name == "softmax":
        e = np.exp(z - z.max(axis=0, keepdims=True))
        return e / e.sum(axis=0, keepdims=True)
    raise ValueError(name)


def paeth(a, b, c):
    """The PNG Paeth predictor (PNG specification, 9.4): the one of a (left), b (up) and
    c (upper left) nearest to a + b - c, ties in that order."""
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c
