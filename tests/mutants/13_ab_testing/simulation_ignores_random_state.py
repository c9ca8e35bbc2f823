"""Mistake: the simulations draw from an unseeded generator, so a seeded run never repeats.

The rates still land near 5% and 80%, so every band test passes; only a second call with the same
random_state shows that the result cannot be reproduced.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def simulated_rejection_rate(
    rate_a, rate_b, visitors_per_group, n_simulations=2000, alpha=0.05, random_state=None
):
    rng = np.random.default_rng()
    conversions = rng.binomial(visitors_per_group, [[rate_a], [rate_b]], size=(2, n_simulations))
    p_value = _simulated_p_values(  # noqa: F821
        conversions[0], visitors_per_group, conversions[1], visitors_per_group
    )
    return float(np.mean(p_value < alpha))


inherit_reference(globals(), "13_ab_testing")
