"""Mistake: calling lasso_path on the raw data, which fits no intercept.

With column means or an offset in y the path then spends weight imitating the intercept, and its
rows no longer match a Lasso fitted with one.
"""

import numpy as np
from sklearn.linear_model import lasso_path

from kata_harness.implementation import inherit_reference


def coefficient_path(X, y, alphas, penalty="lasso"):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    alphas = np.asarray([float(a) for a in alphas])
    if np.any(alphas < 0):
        raise ValueError(f"alpha must be non-negative, got {alphas[alphas < 0][0]}")
    if penalty == "ridge":
        return np.array([ridge_closed_form(X, y, a)[0] for a in alphas])
    if penalty != "lasso":
        raise ValueError(f"penalty must be 'lasso' or 'ridge', got {penalty!r}")
    order = np.argsort(alphas)[::-1]
    _, coefs, _ = lasso_path(X, y, alphas=alphas[order], tol=1e-8, max_iter=10_000)
    path = np.empty((len(alphas), X.shape[1]))
    path[order] = coefs.T
    return path


inherit_reference(globals(), "02_regularization")
