"""Mistake: frequency_encode returns pandas' integer counts as they come (dtype int64), while the
docstring promises an ndarray of float.
"""

import pandas as pd

from kata_harness.catalog import SOLUTIONS_DIR, find_kata
from kata_harness.implementation import import_module_from, inherit_reference

_reference = import_module_from(
    find_kata("10_high_cardinality"), SOLUTIONS_DIR / "10_high_cardinality" / "high_cardinality.py"
)
_as_categories = _reference._as_categories


def frequency_encode(train, values, normalize=False):
    train = _as_categories(train, "train")
    values = _as_categories(values, "values")
    counts = pd.Series(train).value_counts(normalize=normalize)
    mapped = pd.Series(values).map(counts)
    return mapped.fillna(0).astype(counts.dtype).to_numpy()


inherit_reference(globals(), "10_high_cardinality")
