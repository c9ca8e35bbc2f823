"""Mistake: gradient boosting that fits every stump to y instead of to the current residuals.

Each stage then adds another copy of the same correction, the prediction overshoots y, and the
training error turns around and grows: boosting only works because each learner fixes what the
previous ones got wrong.
"""

import numpy as np
from sklearn.tree import DecisionTreeRegressor

from kata_harness.implementation import inherit_reference


class StumpBoostingRegressor:
    """Boosting whose stumps all chase the raw targets."""

    def __init__(self, n_estimators=100, learning_rate=0.1):
        if n_estimators < 1:
            raise ValueError(f"n_estimators must be at least 1, got {n_estimators}")
        if not learning_rate > 0:
            raise ValueError(f"learning_rate must be greater than 0, got {learning_rate}")
        self.n_estimators, self.learning_rate = n_estimators, learning_rate

    def fit(self, X, y):
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        self.init_ = float(y.mean())
        self.stumps_ = [
            DecisionTreeRegressor(max_depth=1).fit(X, y - self.init_)
            for _ in range(self.n_estimators)
        ]
        return self

    def staged_predict(self, X):
        prediction = np.full(len(X), self.init_)
        for stump in self.stumps_:
            prediction = prediction + self.learning_rate * stump.predict(X)
            yield prediction

    def predict(self, X):
        *_, last = self.staged_predict(X)
        return last


inherit_reference(globals(), "03_ensembles")
