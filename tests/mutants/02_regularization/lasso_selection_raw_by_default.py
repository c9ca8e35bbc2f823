"""Mistake: standardize=False as the default, so by default the penalty sees the raw columns and their units."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import ElasticNet, Lasso, Ridge, lasso_path
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def _check_alpha(alpha) -> float:
    alpha = float(alpha)
    if not alpha >= 0:
        raise ValueError(f"alpha must be non-negative, got {alpha}")
    return alpha


def _check_xy(X, y) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features), got shape {X.shape}")
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} values; they must match")
    return X, y


def fit_penalized_models(X, y, alpha: float = 1.0, l1_ratio: float = 0.5) -> dict:
    """Fit Lasso, Ridge and ElasticNet with the same ``alpha`` on the same data.

    Parameters
    ----------
    X, y : training data
    alpha : penalty strength shared by the three models
    l1_ratio : ElasticNet's share of L1 in its penalty (0 is Ridge-like, 1 is Lasso)

    Returns
    -------
    dict ``{"lasso": ..., "ridge": ..., "elastic_net": ...}`` of fitted scikit-learn models.

    Raises
    ------
    ValueError
        If ``alpha`` is negative.
    """
    alpha = _check_alpha(alpha)
    X, y = _check_xy(X, y)
    return {
        "lasso": Lasso(alpha=alpha).fit(X, y),
        "ridge": Ridge(alpha=alpha).fit(X, y),
        "elastic_net": ElasticNet(alpha=alpha, l1_ratio=l1_ratio).fit(X, y),
    }


def count_nonzero(coef) -> int:
    """The number of coefficients that are not exactly zero.

    No tolerance: Lasso's zeros are exact, and a small Ridge coefficient is still a coefficient.
    """
    return int(np.count_nonzero(np.asarray(coef)))


def coefficient_path(X, y, alphas, penalty: str = "lasso") -> np.ndarray:
    """The fitted coefficients for each alpha, in the order ``alphas`` are given.

    Parameters
    ----------
    X, y : training data (an intercept is fitted and not penalised)
    alphas : 1-D sequence of non-negative penalty strengths, in any order
    penalty : ``"lasso"`` (L1, scikit-learn's scaling) or ``"ridge"`` (L2)

    Returns
    -------
    array of shape (len(alphas), n_features); row i belongs to ``alphas[i]``.

    Raises
    ------
    ValueError
        If an alpha is negative or ``penalty`` is neither "lasso" nor "ridge".
    """
    X, y = _check_xy(X, y)
    alphas = np.asarray([_check_alpha(a) for a in alphas])
    if penalty == "ridge":
        return np.array([ridge_closed_form(X, y, a)[0] for a in alphas])
    if penalty != "lasso":
        raise ValueError(f"penalty must be 'lasso' or 'ridge', got {penalty!r}")
    X_centred, y_centred = X - X.mean(axis=0), y - y.mean()
    # lasso_path solves from the largest alpha down (warm starts) and returns that order.
    order = np.argsort(alphas)[::-1]
    _, coefs, _ = lasso_path(X_centred, y_centred, alphas=alphas[order], tol=1e-8, max_iter=10_000)
    path = np.empty((len(alphas), X.shape[1]))
    path[order] = coefs.T
    return path


def ridge_closed_form(X, y, alpha: float) -> tuple[np.ndarray, float]:
    """Ridge regression solved exactly, with an unpenalised intercept.

    Minimises ``||y - X w - b||² + alpha * ||w||²`` (scikit-learn's Ridge objective): centre X and
    y, solve ``(Xc'Xc + alpha I) w = Xc'yc``, then ``b = mean(y) - mean(X) @ w``.

    Returns
    -------
    (coef, intercept)

    Raises
    ------
    ValueError
        If ``alpha`` is negative.
    """
    alpha = _check_alpha(alpha)
    X, y = _check_xy(X, y)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    coef = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ yc)
    return coef, float(y_mean - x_mean @ coef)


def soft_threshold(z, gamma: float):
    """The soft-thresholding operator ``sign(z) * max(|z| - gamma, 0)``, elementwise.

    Values within ``gamma`` of zero become exactly 0; the rest move ``gamma`` towards zero.
    """
    z = np.asarray(z, dtype=float)
    return np.sign(z) * np.maximum(np.abs(z) - gamma, 0.0)


def lasso_coordinate_descent(
    X, y, alpha: float, max_iter: int = 10_000, tol: float = 1e-10
) -> tuple[np.ndarray, float]:
    """Lasso by cyclic coordinate descent, with scikit-learn's objective and an unpenalised intercept.

    Minimises ``(1 / (2 n)) * ||y - X w - b||² + alpha * ||w||_1``. Each step sets one weight to
    its exact minimiser with the others held fixed: ``soft_threshold(x_j' r_j / n, alpha)``
    divided by ``x_j' x_j / n``, where ``r_j`` is the residual without feature j.

    Parameters
    ----------
    X, y : training data
    alpha : L1 penalty strength
    max_iter : most sweeps over all coordinates
    tol : stop when no weight moved more than this in a sweep

    Returns
    -------
    (coef, intercept)

    Raises
    ------
    ValueError
        If ``alpha`` is negative.
    """
    alpha = _check_alpha(alpha)
    X, y = _check_xy(X, y)
    n_samples, n_features = X.shape
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    column_norms = np.einsum("ij,ij->j", Xc, Xc) / n_samples
    coef = np.zeros(n_features)
    residual = yc.copy()
    for _ in range(max_iter):
        largest_step = 0.0
        for j in range(n_features):
            if column_norms[j] == 0.0:
                continue
            old = coef[j]
            rho = Xc[:, j] @ residual / n_samples + column_norms[j] * old
            coef[j] = soft_threshold(rho, alpha) / column_norms[j]
            if coef[j] != old:
                residual -= Xc[:, j] * (coef[j] - old)
                largest_step = max(largest_step, abs(coef[j] - old))
        if largest_step <= tol:
            break
    return coef, float(y_mean - x_mean @ coef)


def lasso_selected_features(X, y, alpha: float, standardize: bool = False) -> np.ndarray:
    """Indices of the features a Lasso keeps (nonzero coefficients), in increasing order.

    Parameters
    ----------
    X, y : training data
    alpha : L1 penalty strength
    standardize : if True, a StandardScaler runs first inside one pipeline, so the penalty
        treats every feature on the same scale; if False, Lasso sees the raw columns.

    Raises
    ------
    ValueError
        If ``alpha`` is negative.
    """
    alpha = _check_alpha(alpha)
    X, y = _check_xy(X, y)
    lasso = Lasso(alpha=alpha)
    model = make_pipeline(StandardScaler(), lasso) if standardize else lasso
    model.fit(X, y)
    return np.flatnonzero(lasso.coef_)
