"""Mistake: every fold gets n_samples // n_splits rows and the last fold takes the whole remainder.

With 23 rows and 5 folds the validation folds come out 4, 4, 4, 4, 7 instead of 5, 5, 5, 4, 4, so
the last fold's score counts for more rows than the others and the folds no longer match KFold.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def kfold_indices(n_samples, n_splits=5, *, shuffle=False, random_state=None):
    order = np.arange(n_samples)
    if shuffle:
        order = np.random.default_rng(random_state).permutation(n_samples)
    size = n_samples // n_splits
    folds = []
    for k in range(n_splits):
        stop = n_samples if k == n_splits - 1 else (k + 1) * size
        validation = order[k * size : stop]
        folds.append((np.setdiff1d(order, validation), validation))
    return folds


inherit_reference(globals(), "04_cross_validation")
