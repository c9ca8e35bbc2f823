"""Mistake: the textbook closed form 2 * ((z_{1-alpha/2} + z_power) / h)^2, which ignores the far
rejection tail and overstates n by about 2% at alpha 0.2 and power 0.5.
"""

import numpy as np
from scipy import stats

from kata_harness.implementation import inherit_reference


def required_sample_size(effect_size, alpha=0.05, power=0.8):
    if effect_size == 0:
        raise ValueError("effect_size must be finite and nonzero")
    if power <= alpha:
        raise ValueError(f"power ({power}) must exceed alpha ({alpha})")
    z_total = stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(power)
    return int(np.ceil(2 * (z_total / effect_size) ** 2))


inherit_reference(globals(), "13_ab_testing")
