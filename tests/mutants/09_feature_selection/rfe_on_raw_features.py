"""Mistake: recursive elimination on the raw features, not the standardized ones.

Each round refits and drops a feature, but the coefficients' sizes reflect the columns' units
(areas in the thousands, smoothness near 0.1), so the order of elimination follows the units.
"""

from sklearn.feature_selection import RFE
from sklearn.linear_model import LogisticRegression

from kata_harness.implementation import inherit_reference


def rfe_ranking(X, y, n_features=10):
    rfe = RFE(LogisticRegression(solver="liblinear"), n_features_to_select=n_features, step=1)
    return rfe.fit(X, y).ranking_


inherit_reference(globals(), "09_feature_selection")
