"""Mistake: SelectFromModel with its default threshold (the mean importance) instead of the median.

Importances are skewed, a few large and many small, so the mean sits above the median and far fewer
than half the features survive.
"""

from sklearn.base import clone
from sklearn.ensemble import RandomForestClassifier
from sklearn.feature_selection import SelectFromModel

from kata_harness.implementation import inherit_reference


def select_from_model_median(X, y, estimator=None):
    model = clone(estimator) if estimator is not None else RandomForestClassifier()
    return SelectFromModel(model).fit(X, y).get_support()


inherit_reference(globals(), "09_feature_selection")
