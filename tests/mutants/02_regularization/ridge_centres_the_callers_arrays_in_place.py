"""Mistake: centring X and y in place (X -= X.mean(axis=0)), which changes the caller's arrays.

np.asarray returns the very array it is given when it is already float, so the caller sees its
data centred after the call."""

import numpy as np

from kata_harness.implementation import inherit_reference


def _check_alpha(alpha):
    alpha = float(alpha)
    if not alpha >= 0:
        raise ValueError(f"alpha must be non-negative, got {alpha}")
    return alpha


def _check_xy(X, y):
    return np.asarray(X, dtype=float), np.asarray(y, dtype=float)


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
    X -= x_mean
    y -= y_mean
    Xc, yc = X, y
    coef = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ yc)
    return coef, float(y_mean - x_mean @ coef)


inherit_reference(globals(), "02_regularization")
