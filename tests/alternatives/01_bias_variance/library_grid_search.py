"""Leans on the library: GridSearchCV picks the depth, the estimator's own score gives R², learning_curve with the named scorer, and a random forest that considers every feature as the bagged trees.

The decomposition draws its random numbers in another order than the reference: each round draws
its training x, its training noise and its test noise together.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import clone
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import GridSearchCV, KFold, learning_curve
from sklearn.tree import DecisionTreeRegressor


def train_validation_r2(estimator, X_train, y_train, X_val, y_val):
    """Fit a clone on the training rows; RegressorMixin.score is R²."""
    model = clone(estimator).fit(X_train, y_train)
    return float(model.score(X_train, y_train)), float(model.score(X_val, y_val))


def best_depth(X, y, depths=range(1, 21), cv=5, random_state=None):
    """GridSearchCV over max_depth on shuffled KFold folds; it keeps the first of tied candidates."""
    depths = [int(d) for d in depths]
    if len(depths) == 0:
        raise ValueError("depths is empty: no candidate max_depth to choose from")
    search = GridSearchCV(
        DecisionTreeRegressor(),
        {"max_depth": depths},
        cv=KFold(n_splits=cv, shuffle=True, random_state=random_state),
        scoring="r2",
        refit=False,
    )
    return int(search.fit(X, y).best_params_["max_depth"])


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
    """Refit on a fresh training set each round; the test points are drawn once, first."""
    if n_rounds < 2:
        raise ValueError(f"n_rounds must be at least 2 to measure a variance, got {n_rounds}")
    if noise_sd < 0:
        raise ValueError(f"noise_sd must be non-negative, got {noise_sd}")
    rng = np.random.default_rng(random_state)
    low, high = x_range
    x_test = rng.uniform(low, high, size=(n_test, 1))
    truth = np.asarray(true_function(x_test[:, 0]), dtype=float)
    predictions, labels = [], []
    for _ in range(n_rounds):
        x_train = rng.uniform(low, high, size=(n_train, 1))
        y_train = true_function(x_train[:, 0]) + rng.normal(0.0, noise_sd, size=n_train)
        labels.append(truth + rng.normal(0.0, noise_sd, size=n_test))
        predictions.append(clone(estimator).fit(x_train, y_train).predict(x_test))
    predictions, labels = np.array(predictions), np.array(labels)
    average = predictions.mean(axis=0)
    return {
        "bias2": float(((average - truth) ** 2).mean()),
        "variance": float(((predictions - average) ** 2).mean()),
        "noise": float(((labels - truth) ** 2).mean()),
        "expected_mse": float(((labels - predictions) ** 2).mean()),
    }


def learning_curve_mse(estimator, X, y, train_sizes, cv=5, random_state=None):
    """scikit-learn's learning_curve with the named 'neg_mean_squared_error' scorer, sign flipped."""
    sizes, train_scores, val_scores = learning_curve(
        estimator,
        X,
        y,
        train_sizes=list(train_sizes),
        cv=KFold(n_splits=cv, shuffle=True, random_state=random_state),
        scoring="neg_mean_squared_error",
    )
    return np.asarray(sizes), -np.mean(train_scores, axis=1), -np.mean(val_scores, axis=1)


def bagged_trees(n_estimators=5, max_depth=20, random_state=None):
    """A random forest that offers every feature at every split is bagging of deep trees."""
    return RandomForestRegressor(
        n_estimators=n_estimators,
        max_depth=max_depth,
        max_features=1.0,
        bootstrap=True,
        random_state=random_state,
    )
