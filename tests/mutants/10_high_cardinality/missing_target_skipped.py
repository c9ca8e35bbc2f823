"""Mistake: target means from pandas' groupby, which skips NaN: a row whose target is missing
quietly drops out of its category's mean and of the prior instead of being refused.
"""

import numpy as np
import pandas as pd

from kata_harness.catalog import SOLUTIONS_DIR, find_kata
from kata_harness.implementation import import_module_from, inherit_reference

_reference = import_module_from(
    find_kata("10_high_cardinality"), SOLUTIONS_DIR / "10_high_cardinality" / "high_cardinality.py"
)
_as_categories = _reference._as_categories


def smoothed_target_encode(train, target, values, m=10.0):
    if m < 0:
        raise ValueError(f"m must be non-negative, got {m}")
    train = _as_categories(train, "train")
    target = pd.Series(np.asarray(target, dtype=float))
    if len(target) != len(train):
        raise ValueError(f"target has {len(target)} values for {len(train)} rows")
    prior = target.mean()  # skips NaN
    stats = pd.DataFrame({"category": train, "target": target}).groupby("category")["target"]
    encoding = (stats.sum() + m * prior) / (stats.count() + m)
    values = _as_categories(values, "values")
    return pd.Series(values).map(encoding).fillna(prior).to_numpy(dtype=float)


inherit_reference(globals(), "10_high_cardinality")
