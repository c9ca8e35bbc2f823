"""Mistake: the sample-ratio chi-square run on the percentages (50.5 vs 49.5) instead of the counts.

The chi-square statistic grows with the sample size; feeding it shares of 100 throws away the
million users, so a broken 50.5/49.5 split looks perfectly normal (p = 0.92).
"""

import numpy as np
from scipy import stats

from kata_harness.implementation import inherit_reference


def sample_ratio_mismatch(visitors_a, visitors_b, expected_share_a=0.5, threshold=0.001):
    total = visitors_a + visitors_b
    observed = 100 * np.array([visitors_a, visitors_b]) / total
    expected = 100 * np.array([expected_share_a, 1 - expected_share_a])
    statistic = float(np.sum((observed - expected) ** 2 / expected))
    p_value = float(stats.chi2.sf(statistic, df=1))
    return {"statistic": statistic, "p_value": p_value, "mismatch": p_value < threshold}


inherit_reference(globals(), "13_ab_testing")
