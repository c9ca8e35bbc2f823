"""Mistake: returning the path rows sorted by alpha, whatever order the alphas were given in.

With an increasing grid this is invisible; with any other order row i no longer belongs to
alphas[i].
"""

import numpy as np
from sklearn.linear_model import Lasso

from kata_harness.implementation import inherit_reference


def coefficient_path(X, y, alphas, penalty="lasso"):
    alphas = sorted(float(a) for a in alphas)
    if alphas and alphas[0] < 0:
        raise ValueError(f"alpha must be non-negative, got {alphas[0]}")
    if penalty == "ridge":
        return np.array([ridge_closed_form(X, y, a)[0] for a in alphas])
    if penalty != "lasso":
        raise ValueError(f"penalty must be 'lasso' or 'ridge', got {penalty!r}")
    return np.array([Lasso(alpha=a, tol=1e-10, max_iter=100_000).fit(X, y).coef_ for a in alphas])


inherit_reference(globals(), "02_regularization")
