"""Mistake: chi² on the raw features, without scaling them to [0, 1] first.

On raw breast-cancer data chi² then favours the columns with the largest units (areas, perimeters)
rather than the most informative ones, and on standardized data it raises because of negative values.
"""

import numpy as np
from sklearn.feature_selection import SelectKBest, chi2

from kata_harness.implementation import inherit_reference


def chi2_top_k(X, y, k=10):
    if not 1 <= k <= np.shape(X)[1]:
        raise ValueError(f"k={k} is out of range; X has {np.shape(X)[1]} features")
    return np.flatnonzero(SelectKBest(chi2, k=k).fit(X, y).get_support())


inherit_reference(globals(), "09_feature_selection")
