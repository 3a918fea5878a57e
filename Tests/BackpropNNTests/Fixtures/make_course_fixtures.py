#!/usr/bin/env python3
"""Writes course_functions.json: the course's step functions computed by an independent NumPy
implementation (float64) on small random inputs, for BackpropNN's tests.

Run from this folder: python3 make_course_fixtures.py   (needs numpy)

Inputs come from numpy.random.default_rng (not the legacy generator the library reproduces), so
these tests do not lean on Backprop's own random numbers. Every matrix is stored as nested rows
of floats written with repr (shortest round-trip form).
"""
import json
import numpy as np

rng = np.random.default_rng(2024)


def mat(a):
    return [[float(x) for x in row] for row in np.atleast_2d(a)]


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def relu(Z):
    return np.maximum(0, Z)


def sigmoid_backward(dA, Z):
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (1 - s)


def relu_backward(dA, Z):
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ


def linear_forward(A, W, b):
    return W @ A + b


def linear_backward(dZ, A_prev, W):
    m = A_prev.shape[1]
    dW = 1. / m * dZ @ A_prev.T
    db = 1. / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = W.T @ dZ
    return dA_prev, dW, db


def forward(X, params):
    caches = []
    A = X
    L = len(params)
    for l, (W, b) in enumerate(params):
        Z = linear_forward(A, W, b)
        caches.append((A, W, b, Z))
        A = sigmoid(Z) if l == L - 1 else relu(Z)
    return A, caches


def cost(AL, Y):
    m = Y.shape[1]
    return float(np.squeeze((1. / m) * (-np.dot(Y, np.log(AL).T) - np.dot(1 - Y, np.log(1 - AL).T))))


def backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    for l in reversed(range(L)):
        A_prev, W, b, Z = caches[l]
        dZ = sigmoid_backward(dA, Z) if l == L - 1 else relu_backward(dA, Z)
        dA_prev, dW, db = linear_backward(dZ, A_prev, W)
        grads["dW%d" % (l + 1)] = mat(dW)
        grads["db%d" % (l + 1)] = mat(db)
        grads["dA%d" % l] = mat(dA_prev)
        dA = dA_prev
    return grads


out = {}
Z = rng.normal(size=(3, 5)) * 3
dA = rng.normal(size=(3, 5))
out["activations"] = {"Z": mat(Z), "dA": mat(dA), "sigmoid": mat(sigmoid(Z)), "relu": mat(relu(Z)),
                      "sigmoid_backward": mat(sigmoid_backward(dA, Z)), "relu_backward": mat(relu_backward(dA, Z))}

A = rng.normal(size=(4, 6)); W = rng.normal(size=(3, 4)); b = rng.normal(size=(3, 1))
dZ = rng.normal(size=(3, 6))
dA_prev, dW, db = linear_backward(dZ, A, W)
out["linear"] = {"A": mat(A), "W": mat(W), "b": mat(b), "Z": mat(linear_forward(A, W, b)),
                 "dZ": mat(dZ), "dA_prev": mat(dA_prev), "dW": mat(dW), "db": mat(db)}

layer_dims = [5, 4, 3, 1]
X = rng.normal(size=(5, 8))
Y = (rng.uniform(size=(1, 8)) > 0.5).astype(float)
params = [(rng.normal(size=(layer_dims[l], layer_dims[l - 1])) * 0.5, rng.normal(size=(layer_dims[l], 1)) * 0.1)
          for l in range(1, len(layer_dims))]
AL, caches = forward(X, params)
out["model"] = {"X": mat(X), "Y": mat(Y), "W": [mat(W) for W, _ in params], "b": [mat(b) for _, b in params],
                "AL": mat(AL), "cost": cost(AL, Y), "grads": backward(AL, Y, caches),
                "predictions": mat((AL > 0.5).astype(float))}

# A short full-batch training run of the L-layer model, from these same parameters.
lr = 0.1
trained = [(W.copy(), b.copy()) for W, b in params]
costs = []
for i in range(60):
    AL, caches = forward(X, trained)
    costs.append(cost(AL, Y))
    g = backward(AL, Y, caches)
    trained = [(W - lr * np.array(g["dW%d" % (l + 1)]), b - lr * np.array(g["db%d" % (l + 1)]))
               for l, (W, b) in enumerate(trained)]
out["training"] = {"learning_rate": lr, "iterations": 60, "costs": costs,
                   "W": [mat(W) for W, _ in trained], "b": [mat(b) for _, b in trained]}

with open("course_functions.json", "w") as f:
    json.dump(out, f, indent=1)
print("wrote course_functions.json")
