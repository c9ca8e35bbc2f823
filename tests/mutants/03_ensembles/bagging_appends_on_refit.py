"""Mistake: BaggedTreesRegressor keeps its tree list from __init__ and appends on every fit, so a second fit averages old and new trees."""

import numpy as np
from sklearn.tree import DecisionTreeRegressor

from kata_harness.implementation import inherit_reference


class BaggedTreesRegressor:
    def __init__(self, n_estimators=10, max_depth=None, random_state=None):
        if n_estimators < 1:
            raise ValueError(f"n_estimators must be at least 1, got {n_estimators}")
        self.n_estimators, self.max_depth, self.random_state = n_estimators, max_depth, random_state
        self.estimators_ = []

    def fit(self, X, y):
        X = np.asarray(X, float)
        y = np.asarray(y, float)
        n = len(X)
        rng = np.random.default_rng(self.random_state)
        for _ in range(self.n_estimators):
            rows = rng.integers(0, n, n)
            self.estimators_.append(
                DecisionTreeRegressor(max_depth=self.max_depth, random_state=0).fit(
                    X[rows], y[rows]
                )
            )
        return self

    def predict(self, X):
        return np.mean([t.predict(np.asarray(X, float)) for t in self.estimators_], axis=0)


inherit_reference(globals(), "03_ensembles")
