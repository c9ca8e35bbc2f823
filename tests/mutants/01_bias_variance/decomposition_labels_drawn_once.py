"""Mistake: test labels drawn once and reused every round, not fresh each round."""

import numpy as np
from sklearn.base import clone

from kata_harness.implementation import inherit_reference


def bias_variance_decomposition(
    estimator,
    true_function,
    *,
    noise_sd,
    n_train=100,
    n_test=200,
    n_rounds=50,
    x_range=(0.0, 10.0),
    random_state=None,
):
    if n_rounds < 2:
        raise ValueError(f"n_rounds must be at least 2 to measure a variance, got {n_rounds}")
    if noise_sd < 0:
        raise ValueError(f"noise_sd must be non-negative, got {noise_sd}")
    rng = np.random.default_rng(random_state)
    lo, hi = x_range
    xt = rng.uniform(lo, hi, n_test)
    ft = np.asarray(true_function(xt), float)
    P = np.empty((n_rounds, n_test))
    Y = np.empty((n_rounds, n_test))
    for r in range(n_rounds):
        x = rng.uniform(lo, hi, n_train)
        y = true_function(x) + noise_sd * rng.standard_normal(n_train)
        P[r] = clone(estimator).fit(x[:, None], y).predict(xt[:, None])
        Y[r] = Y[0] if r else ft + noise_sd * rng.standard_normal(n_test)
    return {
        "bias2": float(np.mean((P.mean(0) - ft) ** 2)),
        "variance": float(np.mean(P.var(0))),
        "noise": float(np.mean((Y - ft) ** 2)),
        "expected_mse": float(np.mean((Y - P) ** 2)),
    }


inherit_reference(globals(), "01_bias_variance")
