"""From scratch: explicit fold loops for the depth search and the learning curve, R² by its formula, and a decomposition that draws every round's numbers from a per-round child generator.

Bagging is a small estimator of its own that draws bootstrap rows with a legacy RandomState.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, RegressorMixin, clone
from sklearn.model_selection import KFold
from sklearn.tree import DecisionTreeRegressor


def _r2(y, prediction):
    y = np.asarray(y, dtype=float)
    return 1.0 - np.sum((y - prediction) ** 2) / np.sum((y - y.mean()) ** 2)


def train_validation_r2(estimator, X_train, y_train, X_val, y_val):
    """R² = 1 - SS_res / SS_tot on each set, after fitting a clone on the training rows."""
    model = clone(estimator).fit(X_train, y_train)
    return float(_r2(y_train, model.predict(X_train))), float(_r2(y_val, model.predict(X_val)))


def best_depth(X, y, depths=range(1, 21), cv=5, random_state=None):
    """A loop over the shuffled folds; a later depth must score strictly higher to win."""
    X, y = np.asarray(X), np.asarray(y)
    folds = list(KFold(n_splits=cv, shuffle=True, random_state=random_state).split(X))
    best, best_score = None, -np.inf
    for depth in depths:
        scores = []
        for train, test in folds:
            tree = DecisionTreeRegressor(max_depth=int(depth)).fit(X[train], y[train])
            scores.append(_r2(y[test], tree.predict(X[test])))
        if best is None or np.mean(scores) > best_score:
            best, best_score = int(depth), float(np.mean(scores))
    if best is None:
        raise ValueError("depths is empty; nothing to choose from")
    return best


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
    """Per-round child generators (SeedSequence.spawn); sums accumulated point by point."""
    if noise_sd < 0:
        raise ValueError(f"noise_sd must be non-negative, got {noise_sd}")
    if n_rounds < 2:
        raise ValueError(f"n_rounds must be at least 2 to measure a variance, got {n_rounds}")
    root = np.random.SeedSequence(random_state)
    test_seed, *round_seeds = root.spawn(n_rounds + 1)
    low, high = x_range
    x_test = np.random.default_rng(test_seed).uniform(low, high, n_test)
    truth = np.asarray(true_function(x_test), dtype=float)
    total = np.zeros(n_test)
    total_sq = np.zeros(n_test)
    noise_sq = mse = 0.0
    for seed in round_seeds:
        rng = np.random.default_rng(seed)
        x_train = rng.uniform(low, high, n_train)
        y_train = true_function(x_train) + noise_sd * rng.standard_normal(n_train)
        y_test = truth + noise_sd * rng.standard_normal(n_test)
        prediction = clone(estimator).fit(x_train.reshape(-1, 1), y_train).predict(
            x_test.reshape(-1, 1)
        )
        total += prediction
        total_sq += prediction**2
        noise_sq += np.sum((y_test - truth) ** 2)
        mse += np.sum((y_test - prediction) ** 2)
    mean = total / n_rounds
    variance = np.maximum(total_sq / n_rounds - mean**2, 0.0)
    cells = n_rounds * n_test
    return {
        "bias2": float(np.mean((mean - truth) ** 2)),
        "variance": float(variance.mean()),
        "noise": float(noise_sq / cells),
        "expected_mse": float(mse / cells),
    }


def learning_curve_mse(estimator, X, y, train_sizes, cv=5, random_state=None):
    """Each fold's training indices (in increasing order) cut to the first `size` rows."""
    X, y = np.asarray(X), np.asarray(y)
    sizes = np.asarray(list(train_sizes), dtype=int)
    folds = list(KFold(n_splits=cv, shuffle=True, random_state=random_state).split(X))
    train_mse = np.zeros((len(sizes), len(folds)))
    val_mse = np.zeros((len(sizes), len(folds)))
    for j, (train, test) in enumerate(folds):
        for i, size in enumerate(sizes):
            rows = train[:size]
            model = clone(estimator).fit(X[rows], y[rows])
            train_mse[i, j] = np.mean((model.predict(X[rows]) - y[rows]) ** 2)
            val_mse[i, j] = np.mean((model.predict(X[test]) - y[test]) ** 2)
    return sizes, train_mse.mean(axis=1), val_mse.mean(axis=1)


class _BootstrapTrees(RegressorMixin, BaseEstimator):
    """Bagging written out: each tree fitted on X[rows], rows drawn with replacement by a RandomState."""

    def __init__(self, n_estimators=5, max_depth=20, random_state=None):
        self.n_estimators = n_estimators
        self.max_depth = max_depth
        self.random_state = random_state

    def fit(self, X, y):
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        draws = np.random.RandomState(self.random_state)
        self.estimators_ = []
        for _ in range(self.n_estimators):
            rows = draws.choice(len(X), size=len(X), replace=True)
            tree = DecisionTreeRegressor(max_depth=self.max_depth, random_state=draws.randint(2**31))
            self.estimators_.append(tree.fit(X[rows], y[rows]))
        return self

    def predict(self, X):
        X = np.asarray(X, dtype=float)
        return np.sum([tree.predict(X) for tree in self.estimators_], axis=0) / len(self.estimators_)


def bagged_trees(n_estimators=5, max_depth=20, random_state=None):
    """Bootstrapped deep trees, averaged, without BaggingRegressor."""
    return _BootstrapTrees(n_estimators=n_estimators, max_depth=max_depth, random_state=random_state)
