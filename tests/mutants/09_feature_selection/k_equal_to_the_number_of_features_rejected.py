"""Mistake: the range check for k is off by one (1 <= k < n_features), so keeping all features raises.

The contract allows any k from 1 to the number of features; k = n_features is a valid request.
"""

import numpy as np
from sklearn.feature_selection import SelectKBest, chi2
from sklearn.preprocessing import MinMaxScaler

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "09_feature_selection")


def chi2_top_k(X, y, k=10):
    X = np.asarray(X)
    if not 1 <= k < X.shape[1]:
        raise ValueError(f"k={k} is out of range; X has {X.shape[1]} features")
    selector = SelectKBest(chi2, k=k).fit(MinMaxScaler().fit_transform(X), y)
    return np.flatnonzero(selector.get_support())
