"""Leans on scikit-learn: KFold, StratifiedKFold, TimeSeriesSplit, GroupKFold and cross_val_score.

Shuffled folds come from scikit-learn's RandomState stream instead of numpy's default_rng; the
stratified folds give each class contiguous fold numbers (StratifiedKFold's way) rather than
dealing the rows out round-robin; the stability loop scores each repeat with cross_val_score.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import clone
from sklearn.model_selection import (
    GroupKFold,
    KFold,
    StratifiedKFold,
    TimeSeriesSplit,
    cross_val_score,
    cross_validate,
    train_test_split,
)

SEED_METRICS = ("accuracy", "precision_macro", "recall_macro")


def _validate(n_splits, available, what):
    if isinstance(n_splits, bool) or not isinstance(n_splits, int | np.integer):
        raise TypeError(f"n_splits must be an int, got {type(n_splits).__name__}")
    if n_splits < 2:
        raise ValueError(f"n_splits must be at least 2, got {n_splits}")
    if available is not None and n_splits > available:
        raise ValueError(f"n_splits={n_splits} is more than {what}={available}")


def _pairs(splitter, *args, **kwargs):
    return [(np.sort(train), np.sort(test)) for train, test in splitter.split(*args, **kwargs)]


def kfold_indices(n_samples, n_splits=5, *, shuffle=False, random_state=None):
    _validate(n_splits, n_samples, "n_samples")
    splitter = KFold(n_splits, shuffle=shuffle, random_state=random_state if shuffle else None)
    return [(train, test) for train, test in splitter.split(np.zeros((n_samples, 1)))]


def stratified_kfold_indices(y, n_splits=5, *, shuffle=False, random_state=None):
    y = np.asarray(y)
    _validate(n_splits, len(y), "n_samples")
    labels, counts = np.unique(y, return_counts=True)
    for label, count in zip(labels, counts):
        if count < n_splits:
            raise ValueError(f"class {label} has {count} members, fewer than n_splits={n_splits}")
    splitter = StratifiedKFold(
        n_splits, shuffle=shuffle, random_state=random_state if shuffle else None
    )
    return _pairs(splitter, np.zeros((len(y), 1)), y)


def time_series_indices(n_samples, n_splits=5):
    _validate(n_splits, None, "")
    if n_samples < n_splits + 1:
        raise ValueError(f"n_samples={n_samples} is too few for n_splits={n_splits}")
    return list(TimeSeriesSplit(n_splits).split(np.zeros((n_samples, 1))))


def group_kfold_indices(groups, n_splits=5):
    groups = np.asarray(groups)
    _validate(n_splits, len(np.unique(groups)), "the number of distinct groups")
    return _pairs(GroupKFold(n_splits), np.zeros((len(groups), 1)), groups=groups)


def cv_and_holdout_spread(
    estimator, X, y, *, n_repeats=50, n_splits=5, test_size=0.3, random_state=None
):
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels")
    base = 0 if random_state is None else int(random_state)
    holdout_scores, cv_means = [], []
    for seed in range(base, base + n_repeats):
        X_train, X_test, y_train, y_test = train_test_split(
            X, y, test_size=test_size, random_state=seed
        )
        holdout_scores.append(clone(estimator).fit(X_train, y_train).score(X_test, y_test))
        folds = KFold(n_splits, shuffle=True, random_state=seed)
        cv_means.append(cross_val_score(clone(estimator), X, y, cv=folds).mean())
    return {
        "cv_means": np.array(cv_means),
        "holdout_scores": np.array(holdout_scores),
        "cv_std": float(np.std(cv_means)),
        "holdout_std": float(np.std(holdout_scores)),
    }


def multi_metric_cv(estimator, X, y, cv):
    results = cross_validate(
        estimator, X, y, cv=cv, scoring=list(SEED_METRICS), return_train_score=True
    )
    return {key: value for key, value in results.items() if key.startswith(("train_", "test_"))}
