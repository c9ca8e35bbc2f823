"""Mistake: no check on m: a negative smoothing strength is accepted and pushes rare levels
away from the prior (or divides by zero when n + m is 0), where it should raise.
"""

import pandas as pd

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
    train = _as_categories(train, "train")
    target = _as_target(target, len(train))
    values = _as_categories(values, "values")
    prior = target.mean()
    stats = pd.DataFrame({"category": train, "target": target}).groupby("category")["target"]
    encoding = (stats.sum() + m * prior) / (stats.count() + m)
    return pd.Series(values).map(encoding).fillna(prior).to_numpy(dtype=float)


inherit_reference(globals(), "10_high_cardinality")
