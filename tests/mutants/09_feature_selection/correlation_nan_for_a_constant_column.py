"""Mistake: Pearson r as covariance over the product of deviations, with no guard for a constant column.

A column that never varies divides 0 by 0 and scores NaN, which then sorts unpredictably in a top-k.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def correlation_scores(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if np.ptp(y) == 0:
        raise ValueError("y is constant; a correlation with it is undefined")
    xc, yc = X - X.mean(axis=0), y - y.mean()
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.abs(yc @ xc / (np.sqrt((xc**2).sum(axis=0)) * np.sqrt(yc @ yc)))


inherit_reference(globals(), "09_feature_selection")
