"""Mistake: abs(r_regression(X, y)) with its default force_finite=True, so a constant y scores 0 everywhere.

A target that never varies is a bug upstream (a filter that dropped every positive row); returning
zeros hides it, where the contract asks for an error.
"""

import numpy as np
from sklearn.feature_selection import r_regression

from kata_harness.implementation import inherit_reference


def correlation_scores(X, y):
    return np.abs(r_regression(np.asarray(X, dtype=float), np.asarray(y, dtype=float)))


inherit_reference(globals(), "09_feature_selection")
