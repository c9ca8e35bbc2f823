"""Mistake: grouping only the rare training categories and passing unseen ones through unchanged.

At prediction time a new city reaches the model as a level it has never seen, which an encoder fitted
on the grouped column rejects or silently zeroes, instead of landing in "Other".
"""

import numpy as np
import pandas as pd

from kata_harness.implementation import inherit_reference


def group_rare(train, values, min_count=10, other="Other"):
    counts = pd.Series(train).value_counts(dropna=False)
    rare = set(counts.index[counts < min_count])
    return np.array([other if value in rare else value for value in values], dtype=object)


inherit_reference(globals(), "10_high_cardinality")
