"""Mistake: a one-sided p-value reported for a two-sided question.

Taking norm.sf(|z|) without doubling it halves every p-value: the seed's 0.063 becomes 0.031 and a
result that is not significant is announced as a win, and A/A tests "succeed" 10% of the time.
"""

import numpy as np
from scipy import stats

from kata_harness.implementation import inherit_reference


def two_proportion_ztest(
    conversions_a, visitors_a, conversions_b, visitors_b, alternative="two-sided"
):
    conversions_a, visitors_a = np.asarray(conversions_a, float), np.asarray(visitors_a, float)
    conversions_b, visitors_b = np.asarray(conversions_b, float), np.asarray(visitors_b, float)
    for arm, conversions, visitors in (
        ("a", conversions_a, visitors_a),
        ("b", conversions_b, visitors_b),
    ):
        if np.any(conversions > visitors):
            raise ValueError(
                f"conversions_{arm} ({conversions.max():g}) exceed visitors_{arm} ({visitors.max():g})"
            )
    pooled = (conversions_a + conversions_b) / (visitors_a + visitors_b)
    se = np.sqrt(pooled * (1 - pooled) * (1 / visitors_a + 1 / visitors_b))
    z = (conversions_b / visitors_b - conversions_a / visitors_a) / se
    p_value = stats.norm.sf(np.abs(z))
    if np.ndim(z) == 0:
        return float(z), float(p_value)
    return z, p_value


inherit_reference(globals(), "13_ab_testing")
