#!/usr/bin/env python3
"""Writes toolkit.json: the training toolkit of BackpropNN (activations, losses, networks with
L2 and dropout, optimisers, initialisers, mini-batches, data sets, evaluation) computed by an
independent NumPy implementation in float64, for Tests/BackpropNNTests.

Run from this folder: python3 make_toolkit_fixtures.py   (needs numpy only)

Inputs come from numpy.random.default_rng, not from the legacy generator the library
reproduces, except where the library promises NumPy's legacy numbers (initialisers,
mini-batch permutations, data sets), which use np.random.seed / RandomState as documented.
Costs and gradients are computed the textbook way (unfused: dA_L from the loss, then the
activation's derivative; cross-entropy from probabilities), not with the library's fused or
log-sum-exp formulas, so agreement is a real check. Matrices are nested rows of floats.
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "BackpropTestSupport", "python"))
from reference import activation  # noqa: E402

rng = np.random.default_rng(7)


def mat(a):
    return [[float(x) for x in row] for row in np.atleast_2d(np.asarray(a, dtype=np.float64))]


# ---------------------------------------------------------------- activations (forward, derivative)
def act_backward(name, dA, Z):
    if name == "sigmoid":
        s = 1 / (1 + np.exp(-Z))
        return dA * s * (1 - s)
    if name == "relu":
        return np.where(Z > 0, dA, 0.0)
    if name == "tanh":
        return dA * (1 - np.tanh(Z) ** 2)
    if name.startswith("leaky-relu"):
        slope = float(name.split(":")[1]) if ":" in name else 0.01
        return np.where(Z > 0, dA, slope * dA)
    if name == "softmax":
        # Full Jacobian per column: J = diag(s) - s s^T; dZ = J^T dA.
        s = activation("softmax", Z)
        out = np.zeros_like(Z)
        for i in range(Z.shape[1]):
            col = s[:, i:i + 1]
            J = np.diagflat(col) - col @ col.T
            out[:, i] = (J.T @ dA[:, i:i + 1])[:, 0]
        return out
    if name == "identity":
        return dA.copy()
    raise ValueError(name)


ACTIVATIONS = ["sigmoid", "relu", "tanh", "leaky-relu", "leaky-relu:0.2", "softmax", "identity"]
Z = rng.standard_normal((4, 5)) * 2
dA = rng.standard_normal((4, 5))
activations = {"Z": mat(Z), "dA": mat(dA), "cases": {}}
for name in ACTIVATIONS:
    activations["cases"][name] = {"A": mat(activation(name, Z)), "dZ": mat(act_backward(name, dA, Z))}


# ---------------------------------------------------------------- losses (from probabilities, unfused)
def loss_cost(loss, A, Y):
    m = A.shape[1]
    if loss == "binary-cross-entropy":
        return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
    if loss == "categorical-cross-entropy":
        return float(-np.sum(Y * np.log(A)) / m)
    if loss == "mean-squared-error":
        return float(np.sum((A - Y) ** 2) / (2 * m))
    raise ValueError(loss)


def loss_dA(loss, A, Y):
    if loss == "binary-cross-entropy":
        return -(Y / A - (1 - Y) / (1 - A))
    if loss == "categorical-cross-entropy":
        return -Y / A
    if loss == "mean-squared-error":
        return A - Y
    raise ValueError(loss)


# ---------------------------------------------------------------- networks
def forward(X, Ws, bs, acts, masks=None, keeps=None):
    caches = []
    A = X
    for l, (W, b, g) in enumerate(zip(Ws, bs, acts)):
        Z = W @ A + b
        A_new = activation(g, Z)
        if masks is not None and masks[l] is not None:
            A_new = A_new * masks[l]
            A_new = A_new / keeps[l]
        caches.append((A, Z))
        A = A_new
    return A, caches


def backward(AL, Y, Ws, acts, caches, loss, lambd=0.0, masks=None, keeps=None):
    m = AL.shape[1]
    L = len(Ws)
    dA = loss_dA(loss, AL, Y)
    dWs, dbs = [None] * L, [None] * L
    for l in reversed(range(L)):
        A_prev, Z = caches[l]
        dZ = act_backward(acts[l], dA, Z)
        dWs[l] = 1.0 / m * dZ @ A_prev.T + (lambd / m) * Ws[l]
        dbs[l] = 1.0 / m * np.sum(dZ, axis=1, keepdims=True)
        dA = Ws[l].T @ dZ
        if l > 0 and masks is not None and masks[l - 1] is not None:
            dA = dA * masks[l - 1]
            dA = dA / keeps[l - 1]
    return dWs, dbs


def network_case(sizes, acts, loss, m=6, lambd=0.0, keeps=None, integer_labels=False):
    X = rng.standard_normal((sizes[0], m))
    Ws = [rng.standard_normal((sizes[l], sizes[l - 1])) * 0.7 for l in range(1, len(sizes))]
    bs = [rng.standard_normal((sizes[l], 1)) * 0.1 for l in range(1, len(sizes))]
    nL = sizes[-1]
    if loss == "binary-cross-entropy":
        Y = (rng.random((nL, m)) < 0.5).astype(float)
        labels = Y
    elif loss == "categorical-cross-entropy":
        classes = rng.integers(0, nL, m)
        Y = np.eye(nL)[:, classes]
        labels = classes.reshape(1, m).astype(float) if integer_labels else Y
    else:
        Y = rng.standard_normal((nL, m))
        labels = Y
    masks = None
    if keeps is not None:
        masks = [(rng.random((sizes[l + 1], m)) < keeps[l]).astype(float) if keeps[l] < 1 else None
                 for l in range(len(acts))]
    AL, caches = forward(X, Ws, bs, acts, masks, keeps)
    cost = loss_cost(loss, AL, Y) + (1 / m) * (lambd / 2) * sum(np.sum(np.square(W)) for W in Ws)
    dWs, dbs = backward(AL, Y, Ws, acts, caches, loss, lambd, masks, keeps)
    case = {
        "activations": acts, "loss": loss, "lambda": lambd,
        "X": mat(X), "labels": mat(labels), "W": [mat(W) for W in Ws], "b": [mat(b) for b in bs],
        "output": mat(AL), "cost": cost, "dW": [mat(d) for d in dWs], "db": [mat(d) for d in dbs],
    }
    if masks is not None:
        case["keep"] = keeps
        case["masks"] = [mat(D) if D is not None else None for D in masks]
    return case


networks = {
    "relu-tanh-sigmoid-bce": network_case([3, 4, 3, 1], ["relu", "tanh", "sigmoid"], "binary-cross-entropy"),
    "leaky-sigmoid-multilabel-bce": network_case([3, 5, 2], ["leaky-relu", "sigmoid"], "binary-cross-entropy"),
    "tanh-softmax-cce-onehot": network_case([4, 5, 3], ["tanh", "softmax"], "categorical-cross-entropy"),
    "leaky02-relu-softmax-cce-integer": network_case([2, 4, 4, 4], ["leaky-relu:0.2", "relu", "softmax"],
                                                     "categorical-cross-entropy", integer_labels=True),
    "tanh-identity-mse": network_case([3, 4, 2], ["tanh", "identity"], "mean-squared-error"),
    "relu-sigmoid-mse": network_case([3, 4, 1], ["relu", "sigmoid"], "mean-squared-error"),
    "identity-softmax-cce": network_case([3, 3, 3], ["identity", "softmax"], "categorical-cross-entropy"),
    "relu-relu-sigmoid-bce-l2": network_case([4, 5, 3, 1], ["relu", "relu", "sigmoid"], "binary-cross-entropy",
                                             m=7, lambd=0.7),
    "relu-relu-sigmoid-bce-dropout": network_case([4, 5, 3, 1], ["relu", "relu", "sigmoid"], "binary-cross-entropy",
                                                  m=7, keeps=[0.8, 0.6, 1.0]),
    "tanh-softmax-cce-l2-dropout": network_case([3, 6, 3], ["tanh", "softmax"], "categorical-cross-entropy",
                                                m=5, lambd=0.3, keeps=[0.7, 1.0]),
}


# ---------------------------------------------------------------- optimisers (the course's update rules)
def optimizer_case(kind, steps=3, lr=0.01):
    shapes = [(3, 2), (3, 1), (1, 3), (1, 1)]
    params = [rng.standard_normal(s) for s in shapes]
    grads = [[rng.standard_normal(s) for s in shapes] for _ in range(steps)]
    v = [np.zeros(s) for s in shapes]
    s_ = [np.zeros(s) for s in shapes]
    beta, beta1, beta2, eps = 0.9, 0.9, 0.999, 1e-8
    history = []
    t = 0
    for g in grads:
        t += 1
        for i in range(len(shapes)):
            if kind == "gd":
                params[i] = params[i] - lr * g[i]
            elif kind == "momentum":
                v[i] = beta * v[i] + (1 - beta) * g[i]
                params[i] = params[i] - lr * v[i]
            elif kind == "rmsprop":
                s_[i] = beta * s_[i] + (1 - beta) * np.power(g[i], 2)
                params[i] = params[i] - lr * g[i] / (np.sqrt(s_[i]) + eps)
            elif kind == "adam":
                v[i] = beta1 * v[i] + (1 - beta1) * g[i]
                v_corrected = v[i] / (1 - np.power(beta1, t))
                s_[i] = beta2 * s_[i] + (1 - beta2) * np.power(g[i], 2)
                s_corrected = s_[i] / (1 - np.power(beta2, t))
                params[i] = params[i] - lr * v_corrected / (np.sqrt(s_corrected) + eps)
        history.append({"params": [mat(p) for p in params], "v": [mat(x) for x in v], "s": [mat(x) for x in s_]})
    return {"learning_rate": lr, "grads": [[mat(x) for x in g] for g in grads], "history": history}


# The initial parameters are drawn first inside optimizer_case; record them by re-seeding.
optimizers = {}
for kind in ["gd", "momentum", "rmsprop", "adam"]:
    state = rng.bit_generator.state
    shapes = [(3, 2), (3, 1), (1, 3), (1, 1)]
    initial = [mat(rng.standard_normal(s)) for s in shapes]
    rng.bit_generator.state = state
    case = optimizer_case(kind)
    case["initial"] = initial
    optimizers[kind] = case


# ---------------------------------------------------------------- initialisers (legacy RandomState)
def initializer_case(kind, dims, seed):
    np.random.seed(seed)
    Ws = []
    for l in range(1, len(dims)):
        n, n_prev = dims[l], dims[l - 1]
        if kind == "he":
            W = np.random.randn(n, n_prev) * np.sqrt(2. / n_prev)
        elif kind == "xavier-normal":
            W = np.random.randn(n, n_prev) * np.sqrt(2. / (n_prev + n))
        elif kind == "xavier-uniform":
            a = np.sqrt(6. / (n_prev + n))
            W = np.random.uniform(-a, a, (n, n_prev))
        elif kind == "course-0.01":
            W = np.random.randn(n, n_prev) * 0.01
        elif kind == "course-sqrt":
            W = np.random.randn(n, n_prev) / np.sqrt(n_prev)
        Ws.append([[float(x).hex() for x in row] for row in W])
    # Hexadecimal floats ("0x1.9a...p-7"): exact, whatever the JSON reader's decimal parsing does.
    return {"layer_dims": dims, "seed": seed, "W_hex": Ws}


initializers = {k: initializer_case(k, [5, 4, 3, 1], 3)
                for k in ["course-0.01", "course-sqrt", "he", "xavier-normal", "xavier-uniform"]}


# ---------------------------------------------------------------- mini-batches (course random_mini_batches)
def random_mini_batches_indices(m, size, seed):
    np.random.seed(seed)
    permutation = list(np.random.permutation(m))
    return [[int(i) for i in permutation[k * size:(k + 1) * size]] for k in range((m + size - 1) // size)]


minibatches = {"m": 10, "batch_size": 4, "seed": 11,
               "epochs": [random_mini_batches_indices(10, 4, 11 + e) for e in range(3)]}


# ---------------------------------------------------------------- data sets
def flower(m, seed):
    np.random.seed(seed)
    N = int(m / 2)
    D = 2
    X = np.zeros((m, D))
    Y = np.zeros((m, 1), dtype='uint8')
    a = 4
    for j in range(2):
        ix = range(N * j, N * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + np.random.randn(N) * 0.2
        r = a * np.sin(4 * t) + np.random.randn(N) * 0.2
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
    return X.T, Y.T


def spirals(N, K, noise, seed):
    np.random.seed(seed)
    X = np.zeros((N * K, 2))
    y = np.zeros(N * K)
    for j in range(K):
        ix = range(N * j, N * (j + 1))
        r = np.linspace(0.0, 1, N)
        t = np.linspace(j * 4, (j + 1) * 4, N) + np.random.randn(N) * noise
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        y[ix] = j
    return X.T, y.reshape(1, -1)


fx, fy = flower(40, 1)
sx, sy = spirals(10, 3, 0.2, 0)
datasets = {"flower": {"count": 40, "seed": 1, "X": mat(fx), "Y": mat(fy)},
            "spirals": {"points_per_class": 10, "classes": 3, "noise": 0.2, "seed": 0, "X": mat(sx), "Y": mat(sy)}}


# ---------------------------------------------------------------- evaluation
def confusion(pred, true, n):
    C = np.zeros((n, n), dtype=int)
    for p, t in zip(pred, true):
        C[t, p] += 1
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.nan_to_num(np.diag(C) / C.sum(axis=0))
        recall = np.nan_to_num(np.diag(C) / C.sum(axis=1))
    f1 = np.nan_to_num(np.where(precision + recall > 0, 2 * precision * recall / np.maximum(precision + recall, 1e-300), 0))
    return {"predicted": [int(x) for x in pred], "labels": [int(x) for x in true], "classes": n,
            "counts": C.tolist(), "precision": precision.tolist(), "recall": recall.tolist(), "f1": f1.tolist(),
            "macro_precision": float(precision.mean()), "macro_recall": float(recall.mean()),
            "macro_f1": float(f1.mean()), "accuracy": float(np.mean(np.array(pred) == np.array(true)))}


true4 = rng.integers(0, 4, 40)
pred4 = np.where(rng.random(40) < 0.6, true4, rng.integers(0, 4, 40))
pred4[pred4 == 3] = 2  # class 3 is never predicted: its precision is 0 by convention
true2 = rng.integers(0, 2, 25)
pred2 = np.where(rng.random(25) < 0.7, true2, 1 - true2)
evaluation = {"multiclass": confusion(pred4, true4, 4), "binary": confusion(pred2, true2, 2)}

fixture = {"activations": activations, "networks": networks, "optimizers": optimizers,
           "initializers": initializers, "minibatches": minibatches, "datasets": datasets,
           "evaluation": evaluation}
with open("toolkit.json", "w") as f:
    json.dump(fixture, f, separators=(",", ":"))
print("wrote toolkit.json")
