"""Mistake: fitting the estimator the caller passed in, instead of a clone.

The selection is right, but the caller's object comes back fitted (and refitted on every call), so
code that reuses it, a grid search or a second selection, silently starts from someone else's model.
"""

from sklearn.ensemble import RandomForestClassifier
from sklearn.feature_selection import SelectFromModel

from kata_harness.implementation import inherit_reference


def select_from_model_median(X, y, estimator=None):
    model = estimator if estimator is not None else RandomForestClassifier(n_estimators=100)
    model.fit(X, y)
    return SelectFromModel(model, threshold="median", prefit=True).get_support()


inherit_reference(globals(), "09_feature_selection")
