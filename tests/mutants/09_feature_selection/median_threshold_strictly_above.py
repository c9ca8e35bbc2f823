"""Mistake: keeping the features strictly above the median importance (> instead of >=).

Without ties it keeps 15 of 30 minus the feature at the median; with ties at the median (a sparse
L1 model's zeros, or equal importances) it drops every tied feature, down to none at all.
"""

import numpy as np
from sklearn.base import clone
from sklearn.ensemble import RandomForestClassifier

from kata_harness.implementation import inherit_reference


def select_from_model_median(X, y, estimator=None):
    model = clone(estimator) if estimator is not None else RandomForestClassifier(n_estimators=100)
    model.fit(X, y)
    if hasattr(model, "feature_importances_"):
        importance = np.asarray(model.feature_importances_)
    else:
        importance = np.abs(np.atleast_2d(model.coef_)).sum(axis=0)
    return importance > np.median(importance)


inherit_reference(globals(), "09_feature_selection")
