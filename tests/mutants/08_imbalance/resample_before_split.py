"""Mistake: SMOTE on the whole data set, then cross-validation on the resampled rows.

Synthetic rows built from a validation row's neighbours end up in training folds and vice versa, so
the cross-validated score is measured partly on data the model has effectively seen.
"""

from imblearn.over_sampling import SMOTE
from sklearn.base import clone
from sklearn.metrics import f1_score, make_scorer
from sklearn.model_selection import StratifiedKFold, cross_val_score

from kata_harness.implementation import inherit_reference


def cross_validated_minority_f1(
    X, y, estimator, *, resample_before_split, n_splits=5, random_state=None
):
    X_resampled, y_resampled = SMOTE(random_state=random_state).fit_resample(X, y)
    folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    scorer = make_scorer(f1_score, pos_label=1)
    return float(
        cross_val_score(clone(estimator), X_resampled, y_resampled, cv=folds, scoring=scorer).mean()
    )


inherit_reference(globals(), "08_imbalance")
