"""Mistake: each repeat seeds only the holdout split; its k folds are the same contiguous blocks
every time, so the CV mean never moves and its spread is zero."""

import numpy as np
from sklearn.base import clone
from sklearn.model_selection import train_test_split

from kata_harness.implementation import inherit_reference


def _accuracy(estimator, X, y, train, validation):
    model = clone(estimator).fit(X[train], y[train])
    return float(np.mean(model.predict(X[validation]) == y[validation]))


def cv_and_holdout_spread(
    estimator, X, y, *, n_repeats=50, n_splits=5, test_size=0.3, random_state=None
):
    X, y = np.asarray(X), np.asarray(y)
    base = 0 if random_state is None else int(random_state)
    cv_means, holdout_scores = [], []
    for repeat in range(n_repeats):
        seed = base + repeat
        folds = kfold_indices(len(y), n_splits)  # noqa: F821 (inherited)
        cv_means.append(np.mean([_accuracy(estimator, X, y, *fold) for fold in folds]))
        train, validation = train_test_split(
            np.arange(len(y)), test_size=test_size, random_state=seed
        )
        holdout_scores.append(_accuracy(estimator, X, y, train, validation))
    cv_means, holdout_scores = np.array(cv_means), np.array(holdout_scores)
    return {
        "cv_means": cv_means,
        "holdout_scores": holdout_scores,
        "cv_std": float(cv_means.std()),
        "holdout_std": float(holdout_scores.std()),
    }


inherit_reference(globals(), "04_cross_validation")
