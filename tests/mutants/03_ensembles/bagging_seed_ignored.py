"""Mistake: drawing the bootstrap from an unseeded generator, so random_state does nothing.

Two fits with the same seed disagree, and no result can be reproduced.
"""

import numpy as np
from sklearn.tree import DecisionTreeRegressor

from kata_harness.implementation import inherit_reference


class BaggedTreesRegressor:
    """Bagging with np.random.default_rng() and no seed."""

    def __init__(self, n_estimators=10, max_depth=None, random_state=None):
        """Keep the settings."""
        if n_estimators < 1:
            raise ValueError(f"n_estimators must be at least 1, got {n_estimators}")
        self.n_estimators = n_estimators
        self.max_depth = max_depth
        self.random_state = random_state

    def fit(self, X, y):
        """Unseeded bootstrap."""
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        rng = np.random.default_rng()
        self.trees_ = []
        for _ in range(self.n_estimators):
            rows = rng.integers(0, len(X), size=len(X))
            tree = DecisionTreeRegressor(max_depth=self.max_depth, random_state=0)
            self.trees_.append(tree.fit(X[rows], y[rows]))
        return self

    def predict(self, X):
        """Mean of the trees."""
        return np.mean([tree.predict(np.asarray(X, dtype=float)) for tree in self.trees_], axis=0)


inherit_reference(globals(), "03_ensembles")
