"""Mistake: the original, non-inverted dropout, which scales by 1 - rate at inference instead.

It is consistent in expectation, but inference is no longer the identity: every serving call pays
for a rescale, and a network built this way cannot be compared with its Dropout-free twin.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def dropout_forward(x, rate, training, rng=None):
    if not 0 <= rate < 1:
        raise ValueError(f"rate must be in [0, 1), got {rate}")
    x = np.asarray(x, dtype=float)
    if not training:
        return x * (1 - rate)
    return np.where(np.random.default_rng(rng).random(x.shape) >= rate, x, 0.0)


inherit_reference(globals(), "18_batchnorm_dropout")
