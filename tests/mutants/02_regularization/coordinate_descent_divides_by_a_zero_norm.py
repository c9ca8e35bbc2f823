"""Mistake: updating every coordinate, including a constant column whose centred norm is 0.

The update divides 0 by 0, the weight becomes NaN, and the NaN spreads through the residual to
every other weight.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def lasso_coordinate_descent(X, y, alpha, max_iter=10_000, tol=1e-10):
    if alpha < 0:
        raise ValueError(f"alpha must be non-negative, got {float(alpha)}")
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    n, p = X.shape
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, yc = X - x_mean, y - y_mean
    norms = (Xc**2).sum(axis=0) / n
    coef = np.zeros(p)
    residual = yc.copy()
    with np.errstate(invalid="ignore", divide="ignore"):
        for _ in range(max_iter):
            step = 0.0
            for j in range(p):
                old = coef[j]
                rho = Xc[:, j] @ residual / n + norms[j] * old
                coef[j] = soft_threshold(rho, alpha) / norms[j]
                residual -= Xc[:, j] * (coef[j] - old)
                step = max(step, abs(coef[j] - old))
            if not step > tol:
                break
    return coef, float(y_mean - x_mean @ coef)


inherit_reference(globals(), "02_regularization")
