"""Regularization: L1 and L2 penalties in scikit-learn, their paths over alpha, Ridge in closed form,
Lasso by coordinate descent, and why the features must share a scale before a penalty is fair.

No function here modifies the arrays it is given: centring and scaling work on copies."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import ElasticNet, Lasso, Ridge, lasso_path
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


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
    # TODO: implement fit_penalized_models; test_regularization.py says what it must do.
    raise NotImplementedError


def count_nonzero(coef) -> int:
    """The number of coefficients that are not exactly zero.

    No tolerance: Lasso's zeros are exact, and a small Ridge coefficient is still a coefficient.
    """
    # TODO: implement count_nonzero; test_regularization.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement coefficient_path; test_regularization.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement ridge_closed_form; test_regularization.py says what it must do.
    raise NotImplementedError


def soft_threshold(z, gamma: float):
    """The soft-thresholding operator ``sign(z) * max(|z| - gamma, 0)``, elementwise.

    Values within ``gamma`` of zero become exactly 0; the rest move ``gamma`` towards zero.
    """
    # TODO: implement soft_threshold; test_regularization.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement lasso_coordinate_descent; test_regularization.py says what it must do.
    raise NotImplementedError


def lasso_selected_features(X, y, alpha: float, standardize: bool = True) -> np.ndarray:
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
    # TODO: implement lasso_selected_features; test_regularization.py says what it must do.
    raise NotImplementedError
