"""Mistake: the sample-ratio check hard-codes p < 0.001 and ignores the threshold it is given."""

import numpy as np
from scipy import stats

from kata_harness.implementation import inherit_reference


def sample_ratio_mismatch(visitors_a, visitors_b, expected_share_a=0.5, threshold=0.001):
    observed = np.array([visitors_a, visitors_b], dtype=float)
    expected = observed.sum() * np.array([expected_share_a, 1 - expected_share_a])
    statistic = float(np.sum((observed - expected) ** 2 / expected))
    p_value = float(stats.chi2.sf(statistic, df=1))
    return {"statistic": statistic, "p_value": p_value, "mismatch": p_value < 0.001}


inherit_reference(globals(), "13_ab_testing")
