"""Mistake: Ridge in closed form with a column of ones appended, so the intercept is penalised too.

scikit-learn never shrinks the intercept: doing so pulls predictions towards 0 instead of towards
the mean of y, and makes the fit depend on where the origin of y happens to be.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def ridge_closed_form(X, y, alpha):
    if alpha < 0:
        raise ValueError(f"alpha must be non-negative, got {float(alpha)}")
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    design = np.column_stack([X, np.ones(len(X))])
    weights = np.linalg.solve(design.T @ design + alpha * np.eye(design.shape[1]), design.T @ y)
    return weights[:-1], float(weights[-1])


inherit_reference(globals(), "02_regularization")
