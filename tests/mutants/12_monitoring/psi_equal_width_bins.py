"""Mistake: PSI over equal-width bins between the reference's minimum and maximum.

On skewed data most of the reference lands in one or two wide bins and the tail bins hold almost
nothing, so PSI ignores shifts in the bulk and blows up on a few tail values. Quantile bins give
every bin the same reference mass.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def population_stability_index(reference, current, *, n_bins=10, eps=1e-4):
    reference, current = np.asarray(reference, dtype=float), np.asarray(current, dtype=float)
    if reference.size == 0 or current.size == 0:
        raise ValueError("reference is empty" if reference.size == 0 else "current is empty")
    inner = np.linspace(reference.min(), reference.max(), n_bins + 1)[1:-1]
    r = np.bincount(np.searchsorted(inner, reference, side="right"), minlength=n_bins)
    c = np.bincount(np.searchsorted(inner, current, side="right"), minlength=n_bins)
    r = np.maximum(r / reference.size, eps)
    c = np.maximum(c / current.size, eps)
    return float(np.sum((c - r) * np.log(c / r)))


inherit_reference(globals(), "12_monitoring")
