"""Mistake: the CV score pools every validation prediction into one accuracy instead of averaging
the folds' accuracies.

With folds of unequal size (150 rows in 7 folds) the larger folds weigh more, which is not the
mean of the k fold scores that cross-validation reports.
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
    cv_means, holdout = [], []
    for repeat in range(n_repeats):
        seed = base + repeat
        correct = 0
        for train, validation in kfold_indices(len(y), n_splits, shuffle=True, random_state=seed):  # noqa: F821
            model = clone(estimator).fit(X[train], y[train])
            correct += np.sum(model.predict(X[validation]) == y[validation])
        cv_means.append(correct / len(y))
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
