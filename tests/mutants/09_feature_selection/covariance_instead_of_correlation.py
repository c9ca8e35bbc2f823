"""Mistake: scoring features by their covariance with the target, not their correlation.

Covariance carries each feature's units, so the widest-ranging columns win whatever their relation to
the target; correlation divides the scale out.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def correlation_scores(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    return np.abs((y - y.mean()) @ (X - X.mean(axis=0))) / len(y)


inherit_reference(globals(), "09_feature_selection")
