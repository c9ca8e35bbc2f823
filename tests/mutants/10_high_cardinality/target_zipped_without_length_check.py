"""Mistake: pairing categories and targets with zip(), which stops at the shorter one: a target
with too few or too many values is silently truncated instead of refused.
"""

import numpy as np

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


def smoothed_target_encode(train, target, values, m=10.0):
    if m < 0:
        raise ValueError(f"m must be non-negative, got {m}")
    train = list(_as_categories(train, "train"))
    pairs = list(zip(train, (float(t) for t in target)))
    prior = sum(t for _, t in pairs) / len(pairs)
    sums, counts = {}, {}
    for category, t in pairs:
        sums[category] = sums.get(category, 0.0) + t
        counts[category] = counts.get(category, 0) + 1
    table = {c: (sums[c] + m * prior) / (counts[c] + m) for c in counts}
    values = _as_categories(values, "values")
    return np.array([table.get(v, prior) for v in values], dtype=float)


def out_of_fold_target_encode(categories, target, m=10.0, n_splits=5, random_state=None):
    from sklearn.model_selection import KFold

    categories = _as_categories(categories, "categories")
    target = np.resize(np.asarray(target, dtype=float), len(categories))
    encoded = np.empty(len(categories))
    for fit_rows, encode_rows in KFold(n_splits, shuffle=True, random_state=random_state).split(
        categories
    ):
        encoded[encode_rows] = smoothed_target_encode(
            categories[fit_rows], target[fit_rows], categories[encode_rows], m=m
        )
    return encoded


inherit_reference(globals(), "10_high_cardinality")
