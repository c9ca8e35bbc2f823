"""Mistake: choosing the depth by the mean per-fold mean squared error instead of the mean per-fold R²."""

from __future__ import annotations

import numpy as np
from sklearn.base import clone
from sklearn.ensemble import BaggingRegressor
from sklearn.metrics import r2_score
from sklearn.model_selection import KFold, cross_val_score, learning_curve
from sklearn.tree import DecisionTreeRegressor


def _neg_mse(estimator, X, y) -> float:
    """scikit-learn's 'neg_mean_squared_error' scorer in plain numpy: the same numbers, without the
    metric's per-call input checks, which cost more than fitting these small trees."""
    return -float(np.mean((estimator.predict(X) - y) ** 2))


def train_validation_r2(estimator, X_train, y_train, X_val, y_val) -> tuple[float, float]:
    """Fit a fresh copy of ``estimator`` on the training set and score it on both sets.

    Parameters
    ----------
    estimator : an unfitted scikit-learn regressor (it is cloned, never modified)
    X_train, y_train : the data the copy is fitted on
    X_val, y_val : held-out data the copy never sees while fitting

    Returns
    -------
    (train_r2, val_r2) : R² of the fitted copy on the training set and on the validation set.
    """
    model = clone(estimator).fit(X_train, y_train)
    return (
        float(r2_score(y_train, model.predict(X_train))),
        float(r2_score(y_val, model.predict(X_val))),
    )


def best_depth(X, y, depths=range(1, 21), cv: int = 5, random_state=None) -> int:
    """The ``max_depth`` of a DecisionTreeRegressor with the best mean cross-validated R².

    Parameters
    ----------
    X, y : training data
    depths : iterable of int, the candidate depths
    cv : number of folds: ``KFold(n_splits=cv, shuffle=True, random_state=random_state)``
    random_state : seed for the shuffle of the folds

    Returns
    -------
    int, one of ``depths``: the one with the highest mean R² over the folds, the first of
    ``depths`` on a tie (as GridSearchCV chooses). The choice never looks at training scores.

    Raises
    ------
    ValueError
        If ``depths`` is empty.
    """
    depths = [int(d) for d in depths]
    if not depths:
        raise ValueError("depths is empty; give at least one candidate max_depth")
    folds = KFold(n_splits=cv, shuffle=True, random_state=random_state)
    scores = [
        cross_val_score(DecisionTreeRegressor(max_depth=d, random_state=0), X, y, cv=folds, scoring='neg_mean_squared_error').mean()
        for d in depths
    ]
    # np.argmax returns the first maximum, so the first listed of equally good depths wins.
    return depths[int(np.argmax(scores))]


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
    rng = np.random.default_rng(random_state)
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


def learning_curve_mse(
    estimator, X, y, train_sizes, cv: int = 5, random_state=None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Training and validation mean squared error as the training set grows.

    Parameters
    ----------
    estimator : an unfitted scikit-learn regressor
    X, y : all the data; each fold's training part is cut to each size, as scikit-learn's
        ``learning_curve`` does
    train_sizes : absolute numbers of training rows, increasing
    cv : number of folds: ``KFold(n_splits=cv, shuffle=True, random_state=random_state)``
    random_state : seed for the shuffle of the folds

    Returns
    -------
    (sizes, train_mse, val_mse) : arrays of equal length; the errors are means over the folds and
    are mean squared errors (positive, in squared units of y), not scores.
    """
    folds = KFold(n_splits=cv, shuffle=True, random_state=random_state)
    sizes, train_scores, val_scores = learning_curve(
        estimator,
        X,
        y,
        train_sizes=np.asarray(train_sizes),
        cv=folds,
        scoring=_neg_mse,
    )
    return sizes, -train_scores.mean(axis=1), -val_scores.mean(axis=1)


def bagged_trees(n_estimators: int = 5, max_depth: int = 20, random_state=None) -> BaggingRegressor:
    """An unfitted bagging ensemble of deep regression trees.

    Each tree is fitted on a bootstrap sample (rows drawn with replacement, as many as the data
    holds) and the ensemble predicts the mean of the trees. Once fitted, it keeps its trees in
    ``estimators_`` (as scikit-learn's ensembles do).

    Parameters
    ----------
    n_estimators : number of trees
    max_depth : depth limit of every tree (20 grows them out on a few hundred rows)
    random_state : seed for every random draw (the bootstrap, and any tie-breaking inside the
        trees): the same seed gives the same fit, another seed other bootstrap samples
    """
    return BaggingRegressor(
        DecisionTreeRegressor(max_depth=max_depth),
        n_estimators=n_estimators,
        bootstrap=True,
        random_state=random_state,
    )
