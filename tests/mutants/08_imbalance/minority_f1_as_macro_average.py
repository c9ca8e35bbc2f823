"""Mistake: cross-validated F1 with scoring="f1_macro", the mean over both classes, not the minority's.

It does not depend on the labels, so renaming the classes changes nothing, but the score is the
average of the minority's F1 and the majority's (always high), not the number the claim is about.
"""

from imblearn.over_sampling import SMOTE
from sklearn.base import clone
from sklearn.model_selection import StratifiedKFold, cross_val_score

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "08_imbalance")


def cross_validated_minority_f1(X, y, estimator, *, resample_before_split, n_splits=5, random_state=None):
    folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    if resample_before_split:
        X, y = SMOTE(random_state=random_state).fit_resample(X, y)
        model = clone(estimator)
    else:
        model = smote_pipeline(estimator, random_state=random_state)  # noqa: F821
    return float(cross_val_score(model, X, y, cv=folds, scoring="f1_macro").mean())
