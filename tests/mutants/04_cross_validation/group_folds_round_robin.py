"""Mistake: groups are dealt to folds round-robin in the order of their ids, ignoring their sizes.

No group is split, but the folds can differ by hundreds of rows when group sizes vary.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def group_kfold_indices(groups, n_splits=5):
    groups = np.asarray(groups)
    names, group_of_row = np.unique(groups, return_inverse=True)
    if n_splits > len(names):
        raise ValueError(
            f"n_splits={n_splits} is more than the number of distinct groups={len(names)}"
        )
    fold_of = (np.arange(len(names)) % n_splits)[group_of_row]
    rows = np.arange(len(groups))
    return [(rows[fold_of != f], rows[fold_of == f]) for f in range(n_splits)]


inherit_reference(globals(), "04_cross_validation")
