"""Mistake: PSI without a floor on the bin shares.

A bin that the current sample leaves empty gives (0 - r) * ln(0 / r), which is infinite, so a
single empty bin turns the index into inf (or nan) instead of a large finite number.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def population_stability_index(reference, current, *, n_bins=10, eps=1e-4):
    reference, current = np.asarray(reference, dtype=float), np.asarray(current, dtype=float)
    if reference.size == 0 or current.size == 0:
        raise ValueError("reference is empty" if reference.size == 0 else "current is empty")
    edges = quantile_bin_edges(reference, n_bins)  # noqa: F821 (inherited from the reference)
    inner = edges[1:-1]
    r = np.bincount(np.searchsorted(inner, reference, side="right"), minlength=len(inner) + 1)
    c = np.bincount(np.searchsorted(inner, current, side="right"), minlength=len(inner) + 1)
    r, c = r / reference.size, c / current.size
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.sum((c - r) * np.log(c / r)))


inherit_reference(globals(), "12_monitoring")
