"""Mistake: measuring bias against the noisy test labels instead of the true function.

The noise then enters the bias term as well as its own, so the three terms add up to more than
the expected error and a perfectly flexible model looks biased.
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
    predictions, labels = [], []
    for _ in range(n_rounds):
        x = rng.uniform(*x_range, size=n_train)
        y = true_function(x) + noise_sd * rng.standard_normal(n_train)
        predictions.append(clone(estimator).fit(x[:, None], y).predict(x_test[:, None]))
        labels.append(f_test + noise_sd * rng.standard_normal(n_test))
    predictions, labels = np.array(predictions), np.array(labels)
    return {
        "bias2": float(np.mean((predictions.mean(axis=0) - labels) ** 2)),
        "variance": float(np.mean(predictions.var(axis=0))),
        "noise": float(np.mean((labels - f_test) ** 2)),
        "expected_mse": float(np.mean((labels - predictions) ** 2)),
    }


inherit_reference(globals(), "01_bias_variance")
