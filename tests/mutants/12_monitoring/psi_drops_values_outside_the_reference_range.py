"""Mistake: PSI bins that stop at the reference's minimum and maximum.

np.histogram with the reference quantiles as edges silently drops every current value below the
reference minimum or above its maximum, which are exactly the values that show a shift.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def quantile_bin_edges(reference, n_bins=10):
    reference = np.asarray(reference, dtype=float)
    if reference.size == 0:
        raise ValueError("reference is empty; a drift check needs values in both samples")
    return np.unique(np.quantile(reference, np.linspace(0, 1, n_bins + 1)))


def population_stability_index(reference, current, *, n_bins=10, eps=1e-4):
    reference, current = np.asarray(reference, dtype=float), np.asarray(current, dtype=float)
    if current.size == 0:
        raise ValueError("current is empty; a drift check needs values in both samples")
    edges = quantile_bin_edges(reference, n_bins)
    r = np.histogram(reference, edges)[0] / reference.size
    c = np.histogram(current, edges)[0] / current.size
    r, c = np.maximum(r, eps), np.maximum(c, eps)
    return float(np.sum((c - r) * np.log(c / r)))


inherit_reference(globals(), "12_monitoring")
