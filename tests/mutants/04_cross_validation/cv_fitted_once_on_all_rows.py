"""Mistake: the "cross-validation" fits one model on every row and then scores it fold by fold.

Each validation fold was part of the training set, so the CV mean is optimistic and its spread
shrinks: exactly what the outcome band rewards, and what a spy on the fitted rows exposes.
"""

import numpy as np
from sklearn.base import clone
from sklearn.model_selection import train_test_split

from kata_harness.implementation import inherit_reference


def cv_and_holdout_spread(
    estimator, X, y, *, n_repeats=50, n_splits=5, test_size=0.3, random_state=None
):
    X, y = np.asarray(X), np.asarray(y)
    base = 0 if random_state is None else int(random_state)
    everything = clone(estimator).fit(X, y)
    cv_means, holdout = [], []
    for repeat in range(n_repeats):
        seed = base + repeat
        folds = kfold_indices(len(y), n_splits, shuffle=True, random_state=seed)  # noqa: F821
        cv_means.append(np.mean([np.mean(everything.predict(X[v]) == y[v]) for _, v in folds]))
        train, test = train_test_split(np.arange(len(y)), test_size=test_size, random_state=seed)
        model = clone(estimator).fit(X[train], y[train])
        holdout.append(np.mean(model.predict(X[test]) == y[test]))
    cv_means, holdout = np.array(cv_means), np.array(holdout)
    return {
        "cv_means": cv_means,
        "holdout_scores": holdout,
        "cv_std": float(cv_means.std()),
        "holdout_std": float(holdout.std()),
    }


inherit_reference(globals(), "04_cross_validation")
