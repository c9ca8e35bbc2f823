"""Mistake: reading the rate as the probability of keeping a unit (the old TF1 keep_prob).

With rate 0.3 it keeps 30% and drops 70%, and it scales the survivors by 1/rate. Keras' rate is the
fraction dropped.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def dropout_forward(x, rate, training, rng=None):
    if not 0 <= rate < 1:
        raise ValueError(f"rate must be in [0, 1), got {rate}")
    x = np.asarray(x, dtype=float)
    if not training or rate == 0:
        return x.copy()
    return np.where(np.random.default_rng(rng).random(x.shape) < rate, x / rate, 0.0)


inherit_reference(globals(), "18_batchnorm_dropout")
