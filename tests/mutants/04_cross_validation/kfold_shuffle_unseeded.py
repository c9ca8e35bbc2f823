"""Mistake: the shuffle draws from an unseeded generator, so random_state changes nothing.

Two runs with the same seed give different folds, and no result can be reproduced.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def kfold_indices(n_samples, n_splits=5, *, shuffle=False, random_state=None):
    if n_splits < 2:
        raise ValueError(f"n_splits must be at least 2, got {n_splits}")
    if n_splits > n_samples:
        raise ValueError(f"n_splits={n_splits} is more than n_samples={n_samples}")
    order = np.random.default_rng().permutation(n_samples) if shuffle else np.arange(n_samples)
    return [
        (np.sort(np.setdiff1d(order, chunk)), chunk) for chunk in np.array_split(order, n_splits)
    ]


inherit_reference(globals(), "04_cross_validation")
