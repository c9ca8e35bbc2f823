"""Mistake: combining the bagged trees by their median instead of their mean.

The median is robust, but it is not what bagging regressors do, and it gives up part of the
variance reduction that averaging brings; the docstring asks for the mean.
"""

import numpy as np
from sklearn.tree import DecisionTreeRegressor

from kata_harness.implementation import inherit_reference


class BaggedTreesRegressor:
    """Bootstrapped trees, combined by the median."""

    def __init__(self, n_estimators=10, max_depth=None, random_state=None):
        """Keep the settings."""
        if n_estimators < 1:
            raise ValueError(f"n_estimators must be at least 1, got {n_estimators}")
        self.n_estimators = n_estimators
        self.max_depth = max_depth
        self.random_state = random_state

    def fit(self, X, y):
        """n rows with replacement per tree."""
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        rng = np.random.default_rng(self.random_state)
        self.estimators_ = []
        for _ in range(self.n_estimators):
            rows = rng.integers(0, len(X), size=len(X))
            tree = DecisionTreeRegressor(max_depth=self.max_depth, random_state=0)
            self.estimators_.append(tree.fit(X[rows], y[rows]))
        return self

    def predict(self, X):
        """The median of the trees."""
        X = np.asarray(X, dtype=float)
        return np.median([tree.predict(X) for tree in self.estimators_], axis=0)


inherit_reference(globals(), "03_ensembles")
