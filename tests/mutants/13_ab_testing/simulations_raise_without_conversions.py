"""Mistake: the simulations feed every experiment to the z-test, which raises when an experiment
has no conversions in either arm; with a low baseline or early looks that happens almost surely.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def simulated_rejection_rate(
    rate_a, rate_b, visitors_per_group, n_simulations=2000, alpha=0.05, random_state=None
):
    rng = np.random.default_rng(random_state)
    conversions = rng.binomial(visitors_per_group, [[rate_a], [rate_b]], size=(2, n_simulations))
    _, p_value = two_proportion_ztest(  # noqa: F821
        conversions[0], visitors_per_group, conversions[1], visitors_per_group
    )
    return float(np.mean(p_value < alpha))


inherit_reference(globals(), "13_ab_testing")
