"""Mistake: returning lasso_path's coefficients as they come, largest alpha first.

scikit-learn's lasso_path sorts the alphas in decreasing order, whatever order they were given in,
so the rows no longer line up with the caller's alphas and the path appears to run backwards.
"""

import numpy as np
from sklearn.linear_model import Ridge, lasso_path

from kata_harness.implementation import inherit_reference


def coefficient_path(X, y, alphas, penalty="lasso"):
    if any(alpha < 0 for alpha in alphas):
        raise ValueError(f"alpha must be non-negative, got {float(min(alphas))}")
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if penalty == "ridge":
        return np.array([Ridge(alpha=alpha).fit(X, y).coef_ for alpha in alphas])
    _, coefs, _ = lasso_path(X - X.mean(axis=0), y - y.mean(), alphas=np.asarray(alphas))
    return coefs.T


inherit_reference(globals(), "02_regularization")
