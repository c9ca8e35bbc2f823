"""Mistake: np.random.default_rng() without the seed, so random_state is ignored and no two calls agree."""

import numpy as np
from sklearn.base import clone

from kata_harness.implementation import inherit_reference


def bias_variance_decomposition(
    estimator,
    true_function,
    *,
    noise_sd: float,
    n_train: int = 100,
    n_test: int = 200,
    n_rounds: int = 50,
    x_range: tuple[float, float] = (0.0, 10.0),
    random_state=None,
) -> dict:
    """Estimate bias², variance and noise of ``estimator`` by refitting it on fresh training sets.

    The data are ``x ~ Uniform(x_range)`` and ``y = true_function(x) + noise_sd * N(0, 1)``. One
    set of ``n_test`` test points is drawn once; then, ``n_rounds`` times, a fresh training set
    of ``n_train`` points is drawn, a clone of ``estimator`` is fitted on it and predicts the
    test points, and fresh noisy labels are drawn for the test points.

    Parameters
    ----------
    estimator : an unfitted scikit-learn regressor (cloned for every round)
    true_function : callable mapping a 1-D array of x to the noise-free target
    noise_sd : standard deviation of the Gaussian label noise
    n_train, n_test, n_rounds : sizes of each training set, of the test set, number of rounds
    x_range : (low, high) of the uniform distribution of x
    random_state : seed for every draw

    Returns
    -------
    dict with float values
        ``bias2``: mean over test points of (mean prediction over rounds - true value)²;
        ``variance``: mean over test points of the variance of the predictions over rounds (the
        population variance, dividing by ``n_rounds``);
        ``noise``: mean squared gap between the noisy test labels and the true values;
        ``expected_mse``: mean squared error of the predictions against the noisy test labels.
        ``expected_mse`` is close to ``bias2 + variance + noise``; with ``noise_sd=0`` the noise
        is 0 and ``expected_mse`` equals ``bias2 + variance`` exactly (up to rounding).

    Raises
    ------
    ValueError
        If ``n_rounds`` < 2 (a variance needs two fits) or ``noise_sd`` is negative.
    """
    if n_rounds < 2:
        raise ValueError(f"n_rounds must be at least 2 to measure a variance, got {n_rounds}")
    if noise_sd < 0:
        raise ValueError(f"noise_sd must be non-negative, got {noise_sd}")
    rng = np.random.default_rng()
    low, high = x_range
    x_test = rng.uniform(low, high, size=n_test)
    f_test = np.asarray(true_function(x_test), dtype=float)
    x_train = rng.uniform(low, high, size=(n_rounds, n_train))
    y_train = true_function(x_train) + noise_sd * rng.standard_normal((n_rounds, n_train))
    y_test = f_test + noise_sd * rng.standard_normal((n_rounds, n_test))

    predictions = np.empty((n_rounds, n_test))
    for r in range(n_rounds):
        model = clone(estimator).fit(x_train[r, :, None], y_train[r])
        predictions[r] = model.predict(x_test[:, None])

    # Bias and variance live at each test point, across the rounds (axis 0).
    mean_prediction = predictions.mean(axis=0)
    return {
        "bias2": float(np.mean((mean_prediction - f_test) ** 2)),
        "variance": float(np.mean(predictions.var(axis=0))),
        "noise": float(np.mean((y_test - f_test) ** 2)),
        "expected_mse": float(np.mean((y_test - predictions) ** 2)),
    }


inherit_reference(globals(), "01_bias_variance")
