"""Mistake: the cross-entropy gradient is softmax(z) - one_hot(y) per row, but the loss is the mean
over rows, so the gradient must be divided by their number.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def softmax_cross_entropy_grad(logits, labels):
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    if y.min() < 0 or y.max() >= z.shape[1]:
        raise ValueError(f"labels must be integer class indices in [0, {z.shape[1]})")
    gradient = softmax(z)  # noqa: F821
    gradient[np.arange(len(y)), y] -= 1.0
    return gradient


inherit_reference(globals(), "15_neural_networks")
