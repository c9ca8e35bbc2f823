"""Mistake: coordinate descent on ||y - Xw||²/2 + alpha ||w||_1, without scikit-learn's 1/n.

The missing 1/n makes the same alpha n times weaker, so the weights come out barely shrunk and
the zeros appear at the wrong alphas. Compare objectives before comparing coefficients.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def lasso_coordinate_descent(X, y, alpha, max_iter=10_000, tol=1e-10):
    if alpha < 0:
        raise ValueError(f"alpha must be non-negative, got {float(alpha)}")
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    x_mean, y_mean = X.mean(axis=0), y.mean()
    Xc, residual = X - x_mean, y - y_mean
    norms = (Xc**2).sum(axis=0)
    coef = np.zeros(X.shape[1])
    for _ in range(max_iter):
        largest_step = 0.0
        for j in range(X.shape[1]):
            old = coef[j]
            rho = Xc[:, j] @ residual + norms[j] * old
            coef[j] = np.sign(rho) * max(abs(rho) - alpha, 0.0) / norms[j]
            residual -= Xc[:, j] * (coef[j] - old)
            largest_step = max(largest_step, abs(coef[j] - old))
        if largest_step <= tol:
            break
    return coef, float(y_mean - x_mean @ coef)


inherit_reference(globals(), "02_regularization")
