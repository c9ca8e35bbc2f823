"""Mistake: kfold_indices accepts shuffle=True but never permutes the rows.

Sorted data (by time, by class) then lands fold by fold in contiguous blocks, the very thing
shuffling was asked to break up.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def kfold_indices(n_samples, n_splits=5, *, shuffle=False, random_state=None):
    if n_splits < 2:
        raise ValueError(f"n_splits must be at least 2, got {n_splits}")
    if n_splits > n_samples:
        raise ValueError(f"n_splits={n_splits} is more than n_samples={n_samples}")
    rows = np.arange(n_samples)
    return [(np.setdiff1d(rows, chunk), chunk) for chunk in np.array_split(rows, n_splits)]


inherit_reference(globals(), "04_cross_validation")
