"""Mistake: drawing new test points in every round, so no point is predicted more than once.

Variance is the spread of the prediction *at a fixed x* over training sets; with the test x moving,
the "variance" mixes in how the true function changes over x.
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
    if noise_sd < 0:
        raise ValueError(f"noise_sd must be non-negative, got {noise_sd}")
    rng = np.random.default_rng(random_state)
    low, high = x_range
    predictions, truths, labels = [], [], []
    for _ in range(n_rounds):
        x_test = rng.uniform(low, high, size=n_test)
        f_test = np.asarray(true_function(x_test), dtype=float)
        x_train = rng.uniform(low, high, size=n_train)
        y_train = true_function(x_train) + noise_sd * rng.standard_normal(n_train)
        model = clone(estimator).fit(x_train[:, None], y_train)
        predictions.append(model.predict(x_test[:, None]))
        truths.append(f_test)
        labels.append(f_test + noise_sd * rng.standard_normal(n_test))
    predictions, truths, labels = np.array(predictions), np.array(truths), np.array(labels)
    mean_prediction = predictions.mean(axis=0)
    return {
        "bias2": float(np.mean((mean_prediction - truths.mean(axis=0)) ** 2)),
        "variance": float(np.mean(predictions.var(axis=0))),
        "noise": float(np.mean((labels - truths) ** 2)),
        "expected_mse": float(np.mean((labels - predictions) ** 2)),
    }


inherit_reference(globals(), "01_bias_variance")
