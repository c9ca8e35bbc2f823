"""Mistake: an "out-of-fold" loop that fits each fold's encoding on all rows, its own included.

The folds are there, but every row's own target is still inside the mean it is encoded with, so the
encoding leaks exactly as the in-sample one does.
"""

import numpy as np
from sklearn.model_selection import KFold

from kata_harness.implementation import inherit_reference


def out_of_fold_target_encode(categories, target, m=10.0, n_splits=5, random_state=None):
    categories, target = np.asarray(categories, dtype=object), np.asarray(target, dtype=float)
    encoded = np.empty(len(categories))
    folds = KFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    for _, encode_rows in folds.split(categories):
        encoded[encode_rows] = smoothed_target_encode(  # noqa: F821
            categories, target, categories[encode_rows], m=m
        )
    return encoded


inherit_reference(globals(), "10_high_cardinality")
