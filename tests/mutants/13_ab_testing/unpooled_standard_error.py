"""Mistake: the z-test's standard error built from each arm's own rate instead of the pooled rate.

Under the null hypothesis the arms share one rate, so the test statistic uses the pooled rate; the
unpooled error belongs to the confidence interval. The z-values drift away from statsmodels'.
"""

import numpy as np
from scipy import stats

from kata_harness.implementation import inherit_reference


def two_proportion_ztest(
    conversions_a, visitors_a, conversions_b, visitors_b, alternative="two-sided"
):
    for arm, conversions, visitors in (
        ("a", conversions_a, visitors_a),
        ("b", conversions_b, visitors_b),
    ):
        if np.any(np.asarray(conversions) > visitors):
            raise ValueError(
                f"conversions_{arm} ({np.max(conversions):g}) exceed visitors_{arm} ({np.max(visitors):g})"
            )
    rate_a = np.asarray(conversions_a, float) / np.asarray(visitors_a, float)
    rate_b = np.asarray(conversions_b, float) / np.asarray(visitors_b, float)
    se = np.sqrt(rate_a * (1 - rate_a) / visitors_a + rate_b * (1 - rate_b) / visitors_b)
    z = (rate_b - rate_a) / se
    if alternative == "two-sided":
        p_value = 2 * stats.norm.sf(np.abs(z))
    else:
        p_value = stats.norm.sf(z) if alternative == "larger" else stats.norm.cdf(z)
    if np.ndim(z) == 0:
        return float(z), float(p_value)
    return z, p_value


inherit_reference(globals(), "13_ab_testing")
