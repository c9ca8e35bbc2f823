"""Mistake: drawing one training set and refitting the model on it in every round.

A deterministic tree fitted to the same rows makes the same predictions every time, so the
variance comes out zero for every depth; variance is about new training sets, not new fits.
"""

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
    rng = np.random.default_rng(random_state)
    x_test = rng.uniform(*x_range, size=n_test)
    f_test = true_function(x_test)
    x = rng.uniform(*x_range, size=n_train)
    y = true_function(x) + noise_sd * rng.standard_normal(n_train)
    predictions = np.array(
        [clone(estimator).fit(x[:, None], y).predict(x_test[:, None]) for _ in range(n_rounds)]
    )
    labels = f_test + noise_sd * rng.standard_normal((n_rounds, n_test))
    return {
        "bias2": float(np.mean((predictions.mean(axis=0) - f_test) ** 2)),
        "variance": float(np.mean(predictions.var(axis=0))),
        "noise": float(np.mean((labels - f_test) ** 2)),
        "expected_mse": float(np.mean((labels - predictions) ** 2)),
    }


inherit_reference(globals(), "01_bias_variance")
