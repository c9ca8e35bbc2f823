"""Mistake: shuffled KFold where the docstring asks for stratified folds.

On an imbalanced problem some folds then get noticeably more of the minority class than others,
and the per-fold accuracies are measured on different class mixes.
"""

from sklearn.model_selection import KFold, cross_val_score

from kata_harness.implementation import inherit_reference


def cross_validated_accuracy(estimator, X, y, cv=5, random_state=None):
    folds = KFold(n_splits=cv, shuffle=True, random_state=random_state)
    return float(cross_val_score(estimator, X, y, cv=folds, scoring="accuracy").mean())


inherit_reference(globals(), "03_ensembles")
