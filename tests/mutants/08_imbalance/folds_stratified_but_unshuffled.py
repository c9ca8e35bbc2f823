"""Mistake: StratifiedKFold without shuffling for the cross-validated minority F1.

Every fold is still stratified, even on rows sorted by class, but each one takes a contiguous slice
of every class, so rows that arrive ordered by time or source give every fold a different slice,
and random_state no longer changes the folds.
"""

import numpy as np
from imblearn.over_sampling import SMOTE
from sklearn.base import clone
from sklearn.metrics import f1_score, make_scorer
from sklearn.model_selection import StratifiedKFold, cross_val_score

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "08_imbalance")


def cross_validated_minority_f1(X, y, estimator, *, resample_before_split, n_splits=5, random_state=None):
    labels, counts = np.unique(y, return_counts=True)
    scorer = make_scorer(f1_score, pos_label=labels[counts.argmin()].item())
    folds = StratifiedKFold(n_splits=n_splits)
    if resample_before_split:
        X, y = SMOTE(random_state=random_state).fit_resample(X, y)
        model = clone(estimator)
    else:
        model = smote_pipeline(estimator, random_state=random_state)  # noqa: F821
    return float(cross_val_score(model, X, y, cv=folds, scoring=scorer).mean())
