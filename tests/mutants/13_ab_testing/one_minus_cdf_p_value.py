"""Mistake: the p-value computed as 2 * (1 - norm.cdf(|z|)), as the seed does.

The subtraction cancels catastrophically: any p below about 1e-16 comes back as exactly 0, so a
clear result is reported as "p = 0" and the real strength of evidence is lost.
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
    if alternative == "two-sided":
        p_value = 2 * (1 - stats.norm.cdf(np.abs(z)))
    elif alternative == "larger":
        p_value = 1 - stats.norm.cdf(z)
    else:
        p_value = stats.norm.cdf(z)
    if np.ndim(z) == 0:
        return float(z), float(p_value)
    return z, p_value


inherit_reference(globals(), "13_ab_testing")
