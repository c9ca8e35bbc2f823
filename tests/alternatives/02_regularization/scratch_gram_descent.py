"""From scratch: Ridge by an augmented least-squares problem (lstsq), Lasso by coordinate descent on the Gram matrix with warm starts along the path, and standardization written out by hand.

Coordinates are updated through the covariance form w_j <- S(c_j - G_j w + G_jj w_j, alpha) / G_jj
rather than through a residual vector.
"""

from __future__ import annotations

import numpy as np


def _alpha(alpha):
    alpha = float(alpha)
    if alpha < 0 or alpha != alpha:
        raise ValueError(f"alpha must be non-negative, got {alpha}")
    return alpha


def _data(X, y):
    X, y = np.array(X, dtype=float), np.array(y, dtype=float).ravel()
    if X.ndim != 2 or len(X) != len(y):
        raise ValueError(f"X of shape {X.shape} and y of length {len(y)} do not fit together")
    return X, y


def fit_penalized_models(X, y, alpha=1.0, l1_ratio=0.5):
    """The three models need scikit-learn objects, so this one is the library's."""
    from sklearn.linear_model import ElasticNet, Lasso, Ridge

    alpha = _alpha(alpha)
    X, y = _data(X, y)
    return {
        "ridge": Ridge(alpha=alpha).fit(X, y),
        "lasso": Lasso(alpha=alpha).fit(X, y),
        "elastic_net": ElasticNet(alpha=alpha, l1_ratio=l1_ratio).fit(X, y),
    }


def count_nonzero(coef):
    """Counted in a loop."""
    return sum(1 for value in np.ravel(coef) if value != 0)


def soft_threshold(z, gamma):
    """np.where over the three cases."""
    z = np.asarray(z, dtype=float)
    return np.where(z > gamma, z - gamma, np.where(z < -gamma, z + gamma, 0.0))


def _gram_descent(G, c, alpha, start, max_iter, tol):
    w = start.copy()
    diagonal = np.diag(G)
    for _ in range(max_iter):
        step = 0.0
        for j in range(len(w)):
            if diagonal[j] <= 0.0:
                w[j] = 0.0
                continue
            rho = c[j] - G[j] @ w + diagonal[j] * w[j]
            new = soft_threshold(rho, alpha) / diagonal[j]
            step = max(step, abs(new - w[j]))
            w[j] = new
        if step <= tol:
            break
    return w


def _centred_gram(X, y):
    n = len(X)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc = X - x_mean
    return Xc.T @ Xc / n, Xc.T @ (y - y_mean) / n, x_mean, y_mean


def lasso_coordinate_descent(X, y, alpha, max_iter=10_000, tol=1e-10):
    """Covariance-form coordinate descent."""
    alpha = _alpha(alpha)
    X, y = _data(X, y)
    G, c, x_mean, y_mean = _centred_gram(X, y)
    w = _gram_descent(G, c, alpha, np.zeros(X.shape[1]), max_iter, tol)
    return w, float(y_mean - x_mean @ w)


def ridge_closed_form(X, y, alpha):
    """Least squares on [Xc; sqrt(alpha) I] against [yc; 0]."""
    alpha = _alpha(alpha)
    X, y = _data(X, y)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    p = X.shape[1]
    A = np.vstack([X - x_mean, np.sqrt(alpha) * np.eye(p)])
    b = np.concatenate([y - y_mean, np.zeros(p)])
    w = np.linalg.lstsq(A, b, rcond=None)[0]
    return w, float(y_mean - x_mean @ w)


def coefficient_path(X, y, alphas, penalty="lasso"):
    """Lasso: warm-started descent from the largest alpha down; Ridge: the augmented solve."""
    alphas = [_alpha(a) for a in alphas]
    X, y = _data(X, y)
    if penalty == "ridge":
        return np.array([ridge_closed_form(X, y, a)[0] for a in alphas]).reshape(len(alphas), -1)
    if penalty != "lasso":
        raise ValueError(f"penalty must be 'lasso' or 'ridge', got {penalty!r}")
    G, c, _, _ = _centred_gram(X, y)
    path = np.zeros((len(alphas), X.shape[1]))
    w = np.zeros(X.shape[1])
    for i in sorted(range(len(alphas)), key=lambda i: -alphas[i]):
        w = _gram_descent(G, c, alphas[i], w, 100_000, 1e-12)
        path[i] = w
    return path


def lasso_selected_features(X, y, alpha, standardize=True):
    """z-scores by hand (population standard deviation, constant columns left as they are)."""
    alpha = _alpha(alpha)
    X, y = _data(X, y)
    if standardize:
        scale = X.std(axis=0)
        scale[scale == 0] = 1.0
        X = (X - X.mean(axis=0)) / scale
    coef, _ = lasso_coordinate_descent(X, y, alpha, max_iter=100_000, tol=1e-12)
    return np.array([j for j, value in enumerate(coef) if value != 0], dtype=int)
