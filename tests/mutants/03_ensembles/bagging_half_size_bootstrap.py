"""Mistake: drawing n // 2 rows with replacement for each tree instead of n.

Each tree sees about 39% of the distinct rows rather than 63%; that is subsampling with a smaller
sample, not the bootstrap the docstring describes.
"""

import numpy as np
from sklearn.tree import DecisionTreeRegressor

from kata_harness.implementation import inherit_reference


class BaggedTreesRegressor:
    """Bagging on half-size bootstrap samples."""

    def __init__(self, n_estimators=10, max_depth=None, random_state=None):
        """Keep the settings."""
        if n_estimators < 1:
            raise ValueError(f"n_estimators must be at least 1, got {n_estimators}")
        self.n_estimators = n_estimators
        self.max_depth = max_depth
        self.random_state = random_state

    def fit(self, X, y):
        """n // 2 rows with replacement per tree."""
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        rng = np.random.default_rng(self.random_state)
        self.trees_ = []
        for _ in range(self.n_estimators):
            rows = rng.integers(0, len(X), size=len(X) // 2)
            tree = DecisionTreeRegressor(max_depth=self.max_depth, random_state=0)
            self.trees_.append(tree.fit(X[rows], y[rows]))
        return self

    def predict(self, X):
        """Mean of the trees."""
        return np.mean([tree.predict(np.asarray(X, dtype=float)) for tree in self.trees_], axis=0)


inherit_reference(globals(), "03_ensembles")
