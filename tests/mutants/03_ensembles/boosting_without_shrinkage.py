"""Mistake: boosting that adds each stump at full size, ignoring the learning rate.

Every stage takes the whole step towards the residuals, so fifty stumps overfit the noise
faster, and the result is not the model GradientBoostingRegressor fits with the same settings.
"""

import numpy as np
from sklearn.tree import DecisionTreeRegressor

from kata_harness.implementation import inherit_reference


class StumpBoostingRegressor:
    """Boosting whose stages are never shrunk."""

    def __init__(self, n_estimators=100, learning_rate=0.1):
        if n_estimators < 1:
            raise ValueError(f"n_estimators must be at least 1, got {n_estimators}")
        if not learning_rate > 0:
            raise ValueError(f"learning_rate must be greater than 0, got {learning_rate}")
        self.n_estimators, self.learning_rate = n_estimators, learning_rate

    def fit(self, X, y):
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        self.init_ = float(y.mean())
        prediction = np.full(len(y), self.init_)
        self.stumps_ = []
        for _ in range(self.n_estimators):
            stump = DecisionTreeRegressor(max_depth=1).fit(X, y - prediction)
            prediction += stump.predict(X)
            self.stumps_.append(stump)
        return self

    def staged_predict(self, X):
        prediction = np.full(len(X), self.init_)
        for stump in self.stumps_:
            prediction = prediction + stump.predict(X)
            yield prediction

    def predict(self, X):
        *_, last = self.staged_predict(X)
        return last


inherit_reference(globals(), "03_ensembles")
