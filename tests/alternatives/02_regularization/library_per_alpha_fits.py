"""Leans on the library: each path row is its own Lasso or Ridge fit, Ridge's closed form is Ridge(solver="cholesky"), and the "coordinate descent" is scikit-learn's own Lasso run to a tight tolerance.

Input checks use scikit-learn's check_X_y; the soft threshold is written with np.clip.
"""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import ElasticNet, Lasso, Ridge
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils import check_X_y


def _alpha(alpha):
    if alpha < 0:
        raise ValueError(f"alpha must be non-negative, got {float(alpha)}")
    return float(alpha)


def fit_penalized_models(X, y, alpha=1.0, l1_ratio=0.5):
    """Three estimators, one alpha."""
    alpha = _alpha(alpha)
    X, y = check_X_y(X, y, y_numeric=True)
    return {
        "lasso": Lasso(alpha=alpha).fit(X, y),
        "ridge": Ridge(alpha=alpha).fit(X, y),
        "elastic_net": ElasticNet(alpha=alpha, l1_ratio=l1_ratio).fit(X, y),
    }


def count_nonzero(coef):
    """Exact comparison with zero."""
    return int((np.asarray(coef) != 0).sum())


def coefficient_path(X, y, alphas, penalty="lasso"):
    """One independent, tightly converged fit per alpha, in the order given."""
    alphas = [_alpha(a) for a in alphas]
    if penalty not in ("lasso", "ridge"):
        raise ValueError(f"penalty must be 'lasso' or 'ridge', got {penalty!r}")
    X, y = check_X_y(X, y, y_numeric=True)
    rows = []
    for alpha in alphas:
        if penalty == "ridge":
            model = Ridge(alpha=alpha, solver="cholesky")
        else:
            model = Lasso(alpha=alpha, tol=1e-10, max_iter=100_000)
        rows.append(model.fit(X, y).coef_)
    return np.array(rows, dtype=float).reshape(len(alphas), X.shape[1])


def ridge_closed_form(X, y, alpha):
    """scikit-learn's Cholesky solver is the closed form on centred data."""
    alpha = _alpha(alpha)
    X, y = check_X_y(X, y, y_numeric=True)
    model = Ridge(alpha=alpha, solver="cholesky").fit(X, y)
    return model.coef_, float(model.intercept_)


def soft_threshold(z, gamma):
    """z minus its clipped part: z - clip(z, -gamma, gamma)."""
    z = np.asarray(z, dtype=float)
    return z - np.clip(z, -gamma, gamma)


def lasso_coordinate_descent(X, y, alpha, max_iter=10_000, tol=1e-10):
    """scikit-learn's Lasso is cyclic coordinate descent on the same objective."""
    alpha = _alpha(alpha)
    X, y = check_X_y(X, y, y_numeric=True)
    model = Lasso(alpha=alpha, max_iter=max(max_iter, 100_000), tol=min(tol, 1e-12)).fit(X, y)
    return model.coef_, float(model.intercept_)


def lasso_selected_features(X, y, alpha, standardize=True):
    """A Pipeline of StandardScaler and Lasso, or Lasso alone."""
    alpha = _alpha(alpha)
    X, y = check_X_y(X, y, y_numeric=True)
    steps = [("scale", StandardScaler())] if standardize else []
    model = Pipeline(steps + [("lasso", Lasso(alpha=alpha))]).fit(X, y)
    return np.nonzero(model.named_steps["lasso"].coef_)[0]
