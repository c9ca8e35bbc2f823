"""Mistake: not checking noise_sd, so a negative standard deviation is silently used.

Multiplying the noise by -2 gives the same spread as +2, so the numbers look fine and the caller
never learns that the argument made no sense; the docstring promises a ValueError.
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
    low, high = x_range
    x_test = rng.uniform(low, high, size=n_test)
    f_test = np.asarray(true_function(x_test), dtype=float)
    predictions, labels = [], []
    for _ in range(n_rounds):
        x_train = rng.uniform(low, high, size=n_train)
        y_train = true_function(x_train) + noise_sd * rng.standard_normal(n_train)
        predictions.append(clone(estimator).fit(x_train[:, None], y_train).predict(x_test[:, None]))
        labels.append(f_test + noise_sd * rng.standard_normal(n_test))
    predictions, labels = np.array(predictions), np.array(labels)
    return {
        "bias2": float(np.mean((predictions.mean(axis=0) - f_test) ** 2)),
        "variance": float(np.mean(predictions.var(axis=0))),
        "noise": float(np.mean((labels - f_test) ** 2)),
        "expected_mse": float(np.mean((labels - predictions) ** 2)),
    }


inherit_reference(globals(), "01_bias_variance")
