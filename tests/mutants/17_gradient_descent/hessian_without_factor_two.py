"""Mistake: L taken from X^T X / m, the Hessian of half the mean squared error.

The loss here is mean((X theta - y)^2), whose Hessian is (2 / m) X^T X. Dropping the 2 halves L,
so "just below 2/L" is really just below 4/L_true, and gradient descent at that rate diverges.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def largest_hessian_eigenvalue(X):
    X = np.asarray(X, dtype=float)
    return float(np.linalg.eigvalsh(X.T @ X / len(X))[-1])


inherit_reference(globals(), "17_gradient_descent")
