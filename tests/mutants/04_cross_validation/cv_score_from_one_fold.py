"""Mistake: reporting the first fold's score as "the" cross-validated score.

One fold validates on only a fifth of the rows, so its score wobbles even more than a 70/30
holdout does; the whole point of k-fold is the average over every fold.
"""

import numpy as np
from sklearn.base import clone
from sklearn.model_selection import KFold, train_test_split

from kata_harness.implementation import inherit_reference


def cv_and_holdout_spread(
    estimator, X, y, *, n_repeats=50, n_splits=5, test_size=0.3, random_state=None
):
    X, y = np.asarray(X), np.asarray(y)
    base = 0 if random_state is None else int(random_state)
    cv_means, holdout = [], []
    for repeat in range(n_repeats):
        folds = KFold(n_splits, shuffle=True, random_state=base + repeat).split(X)
        train, validation = next(iter(folds))
        model = clone(estimator).fit(X[train], y[train])
        cv_means.append(np.mean(model.predict(X[validation]) == y[validation]))
        X_tr, X_te, y_tr, y_te = train_test_split(
            X, y, test_size=test_size, random_state=base + repeat
        )
        holdout.append(np.mean(clone(estimator).fit(X_tr, y_tr).predict(X_te) == y_te))
    cv_means, holdout = np.array(cv_means), np.array(holdout)
    return {
        "cv_means": cv_means,
        "holdout_scores": holdout,
        "cv_std": float(cv_means.std()),
        "holdout_std": float(holdout.std()),
    }


inherit_reference(globals(), "04_cross_validation")
