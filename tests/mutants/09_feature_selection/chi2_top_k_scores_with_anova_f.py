"""Mistake: "chi2_top_k" scales the columns but keeps SelectKBest's default score, ANOVA F.

F measures a shift of the class means against the spread; chi² treats each column as counts. They
agree on many data sets (breast cancer among them) and part ways on skewed, count-like columns.
"""

import numpy as np
from sklearn.feature_selection import SelectKBest
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "09_feature_selection")


def chi2_top_k(X, y, k=10):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if not 1 <= k <= X.shape[1]:
        raise ValueError(f"k={k} is out of range; X has {X.shape[1]} features, so 1 <= k <= {X.shape[1]}")
    selector = Pipeline([("scale", MinMaxScaler()), ("select", SelectKBest(k=k))]).fit(X, y)
    return np.flatnonzero(selector.named_steps["select"].get_support())
