"""Mistake: frequency encoding with value_counts() and map(), trusting pandas' defaults.

value_counts() drops NaN unless told otherwise, so every missing row is encoded as if it were an
unseen category (0), and non-string values slip through unchecked.
"""

import pandas as pd

from kata_harness.implementation import inherit_reference


def frequency_encode(train, values, normalize=False):
    counts = pd.Series(train).value_counts(normalize=normalize)
    return pd.Series(values).map(counts).fillna(0.0).to_numpy(dtype=float)


inherit_reference(globals(), "10_high_cardinality")
