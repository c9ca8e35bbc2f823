"""Mistake: a goodness-of-fit test that treats the reference shares as the exact truth.

scipy.stats.chisquare(current_counts, expected_from_reference) ignores that the reference is a
sample too, so it overstates the evidence; and a category the reference never saw has an expected
count of 0, which the test cannot handle, so such categories get dropped.
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
    observed = np.array([current_counts[c] for c in categories], dtype=float)
    shares = np.array([reference_counts[c] for c in categories], dtype=float) / len(reference)
    expected = shares * observed.sum()
    result = stats.chisquare(observed, expected)
    unseen = sorted(set(current_counts) - set(reference_counts))
    return {
        "statistic": float(result.statistic),
        "p_value": float(result.pvalue),
        "dof": len(categories) - 1,
        "drift": bool(result.pvalue < alpha) or bool(unseen),
        "unseen_categories": unseen,
        "missing_categories": [c for c in categories if current_counts[c] == 0],
    }


inherit_reference(globals(), "12_monitoring")
