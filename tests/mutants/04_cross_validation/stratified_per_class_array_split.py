"""Mistake: stratify by cutting each class into n_splits chunks, each class's extra rows going to
the first folds.

Every class's share is floor or ceil, but the extras pile up: three classes of 11 rows in 5 folds
give fold sizes 9, 6, 6, 6, 6.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def stratified_kfold_indices(y, n_splits=5, *, shuffle=False, random_state=None):
    y = np.asarray(y)
    if n_splits < 2:
        raise ValueError(f"n_splits must be at least 2, got {n_splits}")
    if n_splits > len(y):
        raise ValueError(f"n_splits={n_splits} is more than n_samples={len(y)}")
    rng = np.random.default_rng(random_state)
    fold_of = np.empty(len(y), dtype=int)
    for label, count in zip(*np.unique(y, return_counts=True)):
        if count < n_splits:
            raise ValueError(f"class {label} has {count} members, fewer than n_splits={n_splits}")
        members = np.flatnonzero(y == label)
        if shuffle:
            members = rng.permutation(members)
        for fold, chunk in enumerate(np.array_split(members, n_splits)):
            fold_of[chunk] = fold
    rows = np.arange(len(y))
    return [(rows[fold_of != f], rows[fold_of == f]) for f in range(n_splits)]


inherit_reference(globals(), "04_cross_validation")
