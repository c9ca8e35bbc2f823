"""Mistake: "RFE" that ranks features by the coefficients of a single fit, with no elimination rounds.

A feature's coefficient changes once its correlated partners are removed, so one fit and recursive
elimination disagree about which features survive and in which order the rest drop out.
"""

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from kata_harness.implementation import inherit_reference


def rfe_ranking(X, y, n_features=10):
    model = LogisticRegression(solver="liblinear").fit(StandardScaler().fit_transform(X), y)
    order = np.argsort(-np.abs(model.coef_[0]))
    ranking = np.empty(len(order), dtype=int)
    ranking[order] = np.arange(len(order))
    return np.maximum(ranking - (n_features - 2), 1)


inherit_reference(globals(), "09_feature_selection")
