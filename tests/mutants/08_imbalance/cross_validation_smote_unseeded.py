"""Mistake: cross_validated_minority_f1 seeds the folds but not SMOTE.

The folds repeat for a random_state, but the synthetic rows change on every call, so the same
experiment run twice gives a different score and a comparison between runs measures noise.
"""

import numpy as np
from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from sklearn.base import clone
from sklearn.metrics import f1_score, make_scorer
from sklearn.model_selection import StratifiedKFold, cross_val_score

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "08_imbalance")


def cross_validated_minority_f1(X, y, estimator, *, resample_before_split, n_splits=5, random_state=None):
    labels, counts = np.unique(y, return_counts=True)
    scorer = make_scorer(f1_score, pos_label=labels[counts.argmin()].item())
    folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    if resample_before_split:
        X, y = SMOTE().fit_resample(X, y)
        model = clone(estimator)
    else:
        model = Pipeline([("smote", SMOTE()), ("model", clone(estimator))])
    return float(cross_val_score(model, X, y, cv=folds, scoring=scorer).mean())
