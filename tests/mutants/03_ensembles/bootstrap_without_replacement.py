"""Mistake: "bootstrap" samples drawn without replacement, n rows out of n.

That is a permutation of the same rows, so every deep tree learns the same function and the
average has the variance of a single tree.
"""

import numpy as np
from sklearn.tree import DecisionTreeRegressor

from kata_harness.implementation import inherit_reference


class BaggedTreesRegressor:
    """Bagging whose samples are permutations of the training rows."""

    def __init__(self, n_estimators=10, max_depth=None, random_state=None):
        if n_estimators < 1:
            raise ValueError(f"n_estimators must be at least 1, got {n_estimators}")
        self.n_estimators, self.max_depth, self.random_state = n_estimators, max_depth, random_state

    def fit(self, X, y):
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        rng = np.random.default_rng(self.random_state)
        self.trees_ = []
        for _ in range(self.n_estimators):
            rows = rng.choice(len(X), size=len(X), replace=False)
            self.trees_.append(
                DecisionTreeRegressor(max_depth=self.max_depth).fit(X[rows], y[rows])
            )
        return self

    def predict(self, X):
        return np.mean([tree.predict(np.asarray(X, dtype=float)) for tree in self.trees_], axis=0)


inherit_reference(globals(), "03_ensembles")
