"""Mistake: comparing signed coefficients with their median, so large negative coefficients are dropped.

A coefficient's importance is its size; SelectFromModel takes the absolute value of coef_.
"""

import numpy as np
from sklearn.base import clone
from sklearn.ensemble import RandomForestClassifier

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "09_feature_selection")


def select_from_model_median(X, y, estimator=None):
    model = clone(estimator) if estimator is not None else RandomForestClassifier(n_estimators=100)
    model.fit(X, y)
    importances = getattr(model, "feature_importances_", None)
    if importances is None:
        importances = np.asarray(model.coef_).sum(axis=0)
    return importances >= np.median(importances)
