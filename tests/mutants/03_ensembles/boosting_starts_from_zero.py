"""Mistake: boosting that starts from a prediction of 0 instead of the mean of y.

The first stages are spent learning the mean, and with a learning rate of 0.2 a trace of the
missing offset survives every stage, so the model differs from GradientBoostingRegressor, whose
initial prediction for squared loss is the mean.
"""

import numpy as np
from sklearn.tree import DecisionTreeRegressor

from kata_harness.implementation import inherit_reference


class StumpBoostingRegressor:
    """Boosting with a zero initial prediction."""

    def __init__(self, n_estimators=100, learning_rate=0.1):
        if n_estimators < 1:
            raise ValueError(f"n_estimators must be at least 1, got {n_estimators}")
        if not learning_rate > 0:
            raise ValueError(f"learning_rate must be greater than 0, got {learning_rate}")
        self.n_estimators, self.learning_rate = n_estimators, learning_rate

    def fit(self, X, y):
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        prediction = np.zeros(len(y))
        self.stumps_ = []
        for _ in range(self.n_estimators):
            stump = DecisionTreeRegressor(max_depth=1).fit(X, y - prediction)
            prediction += self.learning_rate * stump.predict(X)
            self.stumps_.append(stump)
        return self

    def staged_predict(self, X):
        prediction = np.zeros(len(X))
        for stump in self.stumps_:
            prediction = prediction + self.learning_rate * stump.predict(X)
            yield prediction

    def predict(self, X):
        *_, last = self.staged_predict(X)
        return last


inherit_reference(globals(), "03_ensembles")
