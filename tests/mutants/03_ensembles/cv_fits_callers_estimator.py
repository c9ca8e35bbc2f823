"""Mistake: cross_validated_accuracy fits the caller's estimator in every fold instead of a clone."""

import numpy as np
from sklearn.model_selection import StratifiedKFold

from kata_harness.implementation import inherit_reference


def cross_validated_accuracy(estimator, X, y, cv=5, random_state=None):
    X = np.asarray(X)
    y = np.asarray(y)
    s = []
    for tr, te in StratifiedKFold(cv, shuffle=True, random_state=random_state).split(X, y):
        s.append(np.mean(estimator.fit(X[tr], y[tr]).predict(X[te]) == y[te]))
    return float(np.mean(s))


inherit_reference(globals(), "03_ensembles")
