"""Mistake: soft thresholding that subtracts gamma * sign(z) but never clips at zero.

Small values overshoot to the other side of zero instead of becoming exactly 0, so the operator
loses the one property that makes Lasso sparse.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def soft_threshold(z, gamma):
    z = np.asarray(z, dtype=float)
    return z - gamma * np.sign(z)


inherit_reference(globals(), "02_regularization")
