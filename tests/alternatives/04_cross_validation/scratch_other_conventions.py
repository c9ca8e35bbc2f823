"""From scratch with other conventions: legacy RandomState shuffles, stratified folds filled by
topping up the lightest folds, splits counted back from the last row, and a hand-written scoring
loop over the folds instead of cross_validate.

Validation indices come back sorted even when shuffled; the holdout rows are drawn with a plain
permutation, not train_test_split; every holdout fit happens before any cross-validation fit.
"""

from __future__ import annotations

import heapq
import math

import numpy as np
from sklearn.base import clone, is_classifier
from sklearn.metrics import accuracy_score, precision_score, recall_score
from sklearn.model_selection import check_cv

SEED_METRICS = ("accuracy", "precision_macro", "recall_macro")


def _need(n_splits, available=None, what="n_samples"):
    if n_splits < 2:
        raise ValueError(f"n_splits must be at least 2, got {n_splits}")
    if available is not None and n_splits > available:
        raise ValueError(f"n_splits={n_splits} is more than {what}={available}")


def _pairs_from_fold_numbers(fold_of, n_splits):
    everything = np.arange(len(fold_of))
    return [(everything[fold_of != f], everything[fold_of == f]) for f in range(n_splits)]


def kfold_indices(n_samples, n_splits=5, *, shuffle=False, random_state=None):
    _need(n_splits, n_samples)
    order = np.arange(n_samples)
    if shuffle:
        order = np.random.RandomState(random_state).permutation(n_samples)
    fold_of = np.empty(n_samples, dtype=int)
    for number, chunk in enumerate(np.array_split(order, n_splits)):
        fold_of[chunk] = number
    return _pairs_from_fold_numbers(fold_of, n_splits)


def stratified_kfold_indices(y, n_splits=5, *, shuffle=False, random_state=None):
    y = np.asarray(y)
    _need(n_splits, len(y))
    labels, counts = np.unique(y, return_counts=True)
    for label, count in zip(labels, counts):
        if count < n_splits:
            raise ValueError(f"class {label} has {count} members, fewer than n_splits={n_splits}")
    rng = np.random.RandomState(random_state)
    load = np.zeros(n_splits, dtype=int)
    fold_of = np.empty(len(y), dtype=int)
    for label, count in sorted(zip(labels, counts), key=lambda pair: -pair[1]):
        members = np.flatnonzero(y == label)
        if shuffle:
            members = rng.permutation(members)
        share = np.full(n_splits, count // n_splits)
        share[np.argsort(load, kind="stable")[: count % n_splits]] += 1
        load += share
        fold_of[members] = np.repeat(np.arange(n_splits), share)
    return _pairs_from_fold_numbers(fold_of, n_splits)


def time_series_indices(n_samples, n_splits=5):
    _need(n_splits)
    if n_samples < n_splits + 1:
        raise ValueError(f"n_samples={n_samples} is too few for n_splits={n_splits}")
    size = n_samples // (n_splits + 1)
    splits = []
    for back in range(n_splits, 0, -1):
        start = n_samples - back * size
        splits.append((np.arange(start), np.arange(start, start + size)))
    return splits


def group_kfold_indices(groups, n_splits=5):
    groups = np.asarray(groups)
    names, sizes = np.unique(groups, return_counts=True)
    _need(n_splits, len(names), "the number of distinct groups")
    lightest = [(0, f) for f in range(n_splits)]
    fold_of_name = {}
    for size, name in sorted(zip(sizes, names), key=lambda pair: -pair[0]):
        load, fold = heapq.heappop(lightest)
        fold_of_name[name] = fold
        heapq.heappush(lightest, (load + size, fold))
    return _pairs_from_fold_numbers(np.array([fold_of_name[g] for g in groups]), n_splits)


def _accuracy(estimator, X, y, train, test):
    model = clone(estimator).fit(X[train], y[train])
    return accuracy_score(y[test], model.predict(X[test]))


def cv_and_holdout_spread(
    estimator, X, y, *, n_repeats=50, n_splits=5, test_size=0.3, random_state=None
):
    X, y = np.asarray(X), np.asarray(y)
    n = len(y)
    seeds = [(random_state or 0) + r for r in range(n_repeats)]
    n_test = math.ceil(test_size * n)
    holdout = []
    for seed in seeds:
        order = np.random.RandomState(seed).permutation(n)
        holdout.append(_accuracy(estimator, X, y, order[n_test:], order[:n_test]))
    cv_means = []
    for seed in seeds:
        folds = kfold_indices(n, n_splits, shuffle=True, random_state=seed)
        cv_means.append(sum(_accuracy(estimator, X, y, *fold) for fold in folds) / n_splits)
    cv_means, holdout = np.array(cv_means), np.array(holdout)
    return {
        "cv_means": cv_means,
        "holdout_scores": holdout,
        "cv_std": float(np.sqrt(np.mean((cv_means - cv_means.mean()) ** 2))),
        "holdout_std": float(np.sqrt(np.mean((holdout - holdout.mean()) ** 2))),
    }


def multi_metric_cv(estimator, X, y, cv):
    X, y = np.asarray(X), np.asarray(y)
    splitter = check_cv(cv, y, classifier=is_classifier(estimator))
    metrics = {
        "accuracy": accuracy_score,
        "precision_macro": lambda t, p: precision_score(t, p, average="macro"),
        "recall_macro": lambda t, p: recall_score(t, p, average="macro"),
    }
    scores = {f"{side}_{name}": [] for side in ("train", "test") for name in metrics}
    for train, test in splitter.split(X, y):
        model = clone(estimator).fit(X[train], y[train])
        for side, rows in (("train", train), ("test", test)):
            predicted = model.predict(X[rows])
            for name, metric in metrics.items():
                scores[f"{side}_{name}"].append(metric(y[rows], predicted))
    return {key: np.array(values) for key, values in scores.items()}
