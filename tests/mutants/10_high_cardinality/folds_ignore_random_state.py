"""Mistake: KFold(shuffle=True) without passing random_state on: the folds, and so the encodings,
change from run to run, and a fixed random_state no longer reproduces them.
"""

import numpy as np
from sklearn.model_selection import KFold

from kata_harness.catalog import SOLUTIONS_DIR, find_kata
from kata_harness.implementation import import_module_from, inherit_reference

_reference = import_module_from(
    find_kata("10_high_cardinality"), SOLUTIONS_DIR / "10_high_cardinality" / "high_cardinality.py"
)
_as_categories, _as_target, _md5_bucket = (
    _reference._as_categories,
    _reference._as_target,
    _reference._md5_bucket,
)


def out_of_fold_target_encode(categories, target, m=10.0, n_splits=5, random_state=None):
    categories = _as_categories(categories, "categories")
    target = _as_target(target, len(categories))
    encoded = np.empty(len(categories))
    for fit_rows, encode_rows in KFold(n_splits=n_splits, shuffle=True).split(categories):
        encoded[encode_rows] = smoothed_target_encode(
            categories[fit_rows], target[fit_rows], categories[encode_rows], m=m
        )
    return encoded


inherit_reference(globals(), "10_high_cardinality")
