"""Mistake: in forward chaining the last validation block absorbs the remainder, not the first
training block.

Training still precedes validation and the window still grows, but the blocks are no longer
scikit-learn's TimeSeriesSplit: the final block is larger than the others.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def time_series_indices(n_samples, n_splits=5):
    if n_splits < 2:
        raise ValueError(f"n_splits must be at least 2, got {n_splits}")
    if n_samples < n_splits + 1:
        raise ValueError(f"n_samples={n_samples} is too few for n_splits={n_splits}")
    block = n_samples // (n_splits + 1)
    rows = np.arange(n_samples)
    splits = []
    for k in range(1, n_splits + 1):
        stop = n_samples if k == n_splits else (k + 1) * block
        splits.append((rows[: k * block], rows[k * block : stop]))
    return splits


inherit_reference(globals(), "04_cross_validation")
