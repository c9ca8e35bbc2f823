"""Mistake: forward_pass pairs the weights with zip, so an odd list silently loses its last kernel
and returns the probabilities of a shorter network instead of refusing the input.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def forward_pass(weights, X):
    h = np.asarray(X, dtype=float)
    if h.shape[1] != np.shape(weights[0])[0]:
        raise ValueError(
            f"X has {h.shape[-1]} features but the first kernel expects {np.shape(weights[0])[0]}"
        )
    pairs = list(zip(weights[0::2], weights[1::2]))
    for index, (kernel, bias) in enumerate(pairs):
        h = h @ np.asarray(kernel, dtype=float) + np.asarray(bias, dtype=float)
        h = softmax(h) if index == len(pairs) - 1 else relu(h)  # noqa: F821
    return h


inherit_reference(globals(), "15_neural_networks")
