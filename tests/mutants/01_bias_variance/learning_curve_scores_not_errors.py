"""Mistake: returning scikit-learn's 'neg_mean_squared_error' scores as if they were errors.

Scorers follow "greater is better", so the numbers are negated MSEs; forgetting to flip the sign
turns every curve upside down and every "error" negative.
"""

import numpy as np
from sklearn.model_selection import KFold, learning_curve

from kata_harness.implementation import inherit_reference


def learning_curve_mse(estimator, X, y, train_sizes, cv=5, random_state=None):
    sizes, train_scores, val_scores = learning_curve(
        estimator,
        X,
        y,
        train_sizes=np.asarray(train_sizes),
        cv=KFold(n_splits=cv, shuffle=True, random_state=random_state),
        scoring="neg_mean_squared_error",
    )
    return sizes, train_scores.mean(axis=1), val_scores.mean(axis=1)


inherit_reference(globals(), "01_bias_variance")
