"""Mistake: forward_pass refuses a kernel and a bias alone (it asks for more than two arrays), so a
network with no hidden layer, which build_mlp((12, 4)) builds, cannot be evaluated.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def forward_pass(weights, X):
    if len(weights) <= 2 or len(weights) % 2:
        raise ValueError(f"weights must be kernel, bias pairs; got {len(weights)} arrays")
    h = np.asarray(X, dtype=float)
    if h.ndim != 2 or h.shape[1] != np.shape(weights[0])[0]:
        raise ValueError(
            f"X has {h.shape[-1]} features but the first kernel expects {np.shape(weights[0])[0]}"
        )
    n_layers = len(weights) // 2
    for i in range(n_layers):
        h = h @ np.asarray(weights[2 * i], dtype=float) + np.asarray(weights[2 * i + 1], dtype=float)
        h = softmax(h) if i == n_layers - 1 else relu(h)  # noqa: F821
    return h


inherit_reference(globals(), "15_neural_networks")
