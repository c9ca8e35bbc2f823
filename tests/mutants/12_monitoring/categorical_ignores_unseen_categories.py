"""Mistake: counting the current sample only over the categories the reference knows.

A brand-new category (a payment method launched last week) is exactly the drift to catch, but a
table built from the reference's categories drops it, so it is neither tested nor reported.
"""

from collections import Counter

import numpy as np
from scipy import stats

from kata_harness.implementation import inherit_reference


def detect_categorical_drift(reference, current, *, alpha=0.05):
    if len(reference) == 0 or len(current) == 0:
        raise ValueError("reference is empty" if len(reference) == 0 else "current is empty")
    reference_counts = Counter(np.asarray(reference).tolist())
    current_counts = Counter(np.asarray(current).tolist())
    categories = sorted(reference_counts)
    table = np.array(
        [[reference_counts[c] for c in categories], [current_counts[c] for c in categories]]
    )
    result = stats.chi2_contingency(table)
    return {
        "statistic": float(result.statistic),
        "p_value": float(result.pvalue),
        "dof": int(result.dof),
        "drift": bool(result.pvalue < alpha),
        "unseen_categories": [],
        "missing_categories": [c for c in categories if current_counts[c] == 0],
    }


inherit_reference(globals(), "12_monitoring")
