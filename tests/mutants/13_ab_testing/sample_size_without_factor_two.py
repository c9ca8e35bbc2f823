"""Mistake: the one-sample formula n = ((z_alpha + z_beta) / h)^2 used for a two-arm experiment.

Both arms are estimated with noise, so the variance of the difference is 2/n, not 1/n. Dropping
the 2 halves the sample (11,324 instead of 22,648) and the experiment has about 50% power.
"""

import numpy as np
from scipy import stats

from kata_harness.implementation import inherit_reference


def required_sample_size(effect_size, alpha=0.05, power=0.8):
    if effect_size == 0:
        raise ValueError("effect_size must be nonzero")
    z_total = stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(power)
    return int(np.ceil((z_total / effect_size) ** 2))


def sample_size_per_group(baseline_rate, target_rate, alpha=0.05, power=0.8):
    if baseline_rate == target_rate:
        raise ValueError("there is no effect to detect")
    return required_sample_size(cohens_h(baseline_rate, target_rate), alpha, power)  # noqa: F821


inherit_reference(globals(), "13_ab_testing")
