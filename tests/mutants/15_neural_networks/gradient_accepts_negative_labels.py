"""Mistake: softmax_cross_entropy_grad checks only that labels stay below the number of classes; a
label -1 slips through and numpy's negative indexing reads it as the last class.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def softmax_cross_entropy_grad(logits, labels):
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    if z.ndim != 2 or y.shape != (z.shape[0],):
        raise ValueError(f"logits {z.shape} and labels {y.shape} do not fit together")
    if y.max() >= z.shape[1]:
        raise ValueError(f"labels must be integer class indices in [0, {z.shape[1]})")
    gradient = softmax(z)  # noqa: F821 (inherited from the reference)
    gradient[np.arange(len(y)), y] -= 1.0
    return gradient / len(y)


inherit_reference(globals(), "15_neural_networks")
