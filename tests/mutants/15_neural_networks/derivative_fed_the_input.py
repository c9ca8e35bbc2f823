"""Mistake: the derivatives written in terms of the activation's output, s(1 - s) and 1 - t^2, but fed
the input x instead of sigmoid(x) and tanh(x).

At x = 10 that gives a sigmoid "slope" of -90 instead of 4.5e-5, so the saturation is missed entirely.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def sigmoid_grad(x):
    x = np.asarray(x, dtype=float)
    return x * (1.0 - x)


def tanh_grad(x):
    x = np.asarray(x, dtype=float)
    return 1.0 - x**2


inherit_reference(globals(), "15_neural_networks")
