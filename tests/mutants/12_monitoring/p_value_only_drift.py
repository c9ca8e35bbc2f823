"""Mistake: calling drift whenever the KS p-value is below alpha, with no effect-size floor.

The p-value measures evidence, not size. With a million rows per window, a shift of 0.01 standard
deviations is "significant", and a monitor built this way pages someone for nothing.
"""

from scipy import stats

from kata_harness.implementation import inherit_reference


def detect_drift_ks(reference, current, *, alpha=0.05, min_statistic=0.1):
    result = stats.ks_2samp(reference, current)
    significant = bool(result.pvalue < alpha)
    return {
        "statistic": float(result.statistic),
        "p_value": float(result.pvalue),
        "significant": significant,
        "drift": significant,
    }


inherit_reference(globals(), "12_monitoring")
