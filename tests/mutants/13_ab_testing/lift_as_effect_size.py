"""Mistake: the raw lift in rates (target - baseline) passed where a standardized effect belongs.

This is the seed's confusion run the other way: a 0.6-point lift is not an effect size of 0.006.
The rates must be standardized first (Cohen's h), or the sample size is off by a factor of ~20.
"""

from kata_harness.implementation import inherit_reference


def sample_size_per_group(baseline_rate, target_rate, alpha=0.05, power=0.8):
    if baseline_rate == target_rate:
        raise ValueError("there is no effect to detect")
    return required_sample_size(target_rate - baseline_rate, alpha, power)  # noqa: F821


inherit_reference(globals(), "13_ab_testing")
