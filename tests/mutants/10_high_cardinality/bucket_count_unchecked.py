"""Mistake: no check on n_buckets: 0 buckets fails with ZeroDivisionError from the modulo and a
negative count gives negative buckets, instead of a ValueError that says what is wrong.
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


def hash_bucket(category, n_buckets):
    (category,) = _as_categories([category], "category")
    return _md5_bucket(category, n_buckets)


def hash_encode(values, n_buckets=32):
    values = _as_categories(values, "values")
    buckets = [_md5_bucket(value, n_buckets) for value in values]
    encoded = np.zeros((len(values), max(n_buckets, 0)))
    encoded[np.arange(len(values)), buckets] = 1.0
    return encoded


inherit_reference(globals(), "10_high_cardinality")
