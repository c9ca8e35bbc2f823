"""Mistake: applying dropout's keep probability at inference, multiplying every hidden activation by 0.8.

That is the old "scale at test time" convention. Keras uses inverted dropout: it scales the survivors
by 1 / (1 - rate) during training and leaves activations untouched at inference, so the numpy
forward pass no longer matches model.predict.
"""

import numpy as np

from kata_harness.implementation import inherit_reference

KEEP = 0.8


def forward_pass(weights, X):
    h = np.asarray(X, dtype=float)
    if h.shape[1] != np.shape(weights[0])[0]:
        raise ValueError(
            f"X has {h.shape[1]} features but the first kernel expects {np.shape(weights[0])[0]}"
        )
    n_layers = len(weights) // 2
    for i in range(n_layers):
        h = h @ weights[2 * i] + weights[2 * i + 1]
        h = softmax(h) if i == n_layers - 1 else KEEP * relu(h)  # noqa: F821
    return h


inherit_reference(globals(), "15_neural_networks")
