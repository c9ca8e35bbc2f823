"""Mistake: one-hot encoding the hashed buckets with pd.get_dummies.

get_dummies makes a column only for the buckets that occur in the batch, so the width changes with
the data and the fixed-width promise of hashing is lost.
"""

import pandas as pd

from kata_harness.implementation import inherit_reference


def hash_encode(values, n_buckets=32):
    buckets = pd.Series([hash_bucket(value, n_buckets) for value in values])  # noqa: F821
    return pd.get_dummies(buckets, dtype=float).to_numpy()


inherit_reference(globals(), "10_high_cardinality")
