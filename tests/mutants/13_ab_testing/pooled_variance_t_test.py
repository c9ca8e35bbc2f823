"""Mistake: Student's pooled-variance t-test on revenue, called "Welch".

Revenue arms rarely share a variance, and with unequal arm sizes the pooled test gives the wrong
standard error and the wrong degrees of freedom; Welch's test drops the equal-variance assumption.
"""

import numpy as np
from scipy import stats

from kata_harness.implementation import inherit_reference


def compare_revenue(revenue_a, revenue_b):
    a, b = np.asarray(revenue_a, dtype=float), np.asarray(revenue_b, dtype=float)
    for name, values in (("revenue_a", a), ("revenue_b", b)):
        if len(values) < 2:
            raise ValueError(f"{name} must be a 1-D array of at least two users")
    df = len(a) + len(b) - 2
    pooled = ((len(a) - 1) * a.var(ddof=1) + (len(b) - 1) * b.var(ddof=1)) / df
    difference = b.mean() - a.mean()
    t = difference / np.sqrt(pooled * (1 / len(a) + 1 / len(b)))
    mann_whitney = stats.mannwhitneyu(b, a, alternative="two-sided")
    return {
        "mean_difference": float(difference),
        "welch_t": float(t),
        "welch_df": float(df),
        "welch_p_value": float(2 * stats.t.sf(abs(t), df)),
        "mann_whitney_u": float(mann_whitney.statistic),
        "mann_whitney_p_value": float(mann_whitney.pvalue),
    }


inherit_reference(globals(), "13_ab_testing")
