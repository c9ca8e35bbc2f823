"""Mistake: one dropout mask for the whole batch, drawn with the shape of a row and broadcast over the rows.

Every row loses the same units, so the regularizing noise is far smaller, and the dropped fraction
of a large batch only looks right by chance (the old tests caught it at seed 0 but not at seed 8).
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def dropout_forward(x, rate, training, rng=None):
    if not 0 <= rate < 1:
        raise ValueError(f"rate must be in [0, 1), got {rate}")
    x = np.asarray(x, dtype=float)
    if not training or rate == 0:
        return x.copy()
    keep = np.random.default_rng(rng).random(x.shape[1:]) >= rate
    return np.where(keep, x / (1 - rate), 0.0)


inherit_reference(globals(), "18_batchnorm_dropout")
