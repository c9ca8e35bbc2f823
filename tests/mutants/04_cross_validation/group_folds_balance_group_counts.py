"""Mistake: each group, largest first, goes to the fold holding the fewest groups instead of the
fewest rows, so a fold of a few large groups outweighs one of many small ones."""

import numpy as np

from kata_harness.implementation import inherit_reference


def group_kfold_indices(groups, n_splits=5):
    groups = np.asarray(groups)
    names, group_of_row, sizes = np.unique(groups, return_inverse=True, return_counts=True)
    if n_splits < 2 or n_splits > len(names):
        raise ValueError(
            f"n_splits={n_splits} is more than the number of distinct groups={len(names)}"
        )
    groups_held = np.zeros(n_splits, dtype=int)
    fold_of_group = np.empty(len(names), dtype=int)
    for g in np.argsort(-sizes, kind="stable"):
        fewest = int(np.argmin(groups_held))
        fold_of_group[g] = fewest
        groups_held[fewest] += 1
    fold_of = fold_of_group[group_of_row]
    rows = np.arange(len(groups))
    return [(rows[fold_of != k], rows[fold_of == k]) for k in range(n_splits)]


inherit_reference(globals(), "04_cross_validation")
