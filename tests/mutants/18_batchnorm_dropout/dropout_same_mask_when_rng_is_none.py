"""Mistake: dropout_forward that falls back on a fixed seed when no rng is given.

Every call without rng then drops the very same entries: the network trains with one frozen mask,
which is a pruned network, not dropout.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def dropout_forward(x, rate, training, rng=None):
    if not 0 <= rate < 1:
        raise ValueError(f"rate must be in [0, 1), got {rate}")
    x = np.asarray(x, dtype=float)
    if not training:
        return x.copy()
    keep = np.random.default_rng(0 if rng is None else rng).random(x.shape) >= rate
    return np.where(keep, x / (1 - rate), 0.0)


inherit_reference(globals(), "18_batchnorm_dropout")
