"""Mistake: dropout that zeroes entries in training but leaves the survivors at their old size.

The expected activation in training becomes (1 - rate) times what the next layer sees at inference,
so the network is trained on smaller inputs than it is served.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def dropout_forward(x, rate, training, rng=None):
    if not 0 <= rate < 1:
        raise ValueError(f"rate must be in [0, 1), got {rate}")
    x = np.asarray(x, dtype=float)
    if not training:
        return x.copy()
    return np.where(np.random.default_rng(rng).random(x.shape) >= rate, x, 0.0)


inherit_reference(globals(), "18_batchnorm_dropout")
