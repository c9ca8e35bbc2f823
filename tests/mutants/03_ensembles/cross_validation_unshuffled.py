"""Mistake: passing cv=5 to cross_val_score, which for a classifier means StratifiedKFold without a shuffle.

The folds are the same for every random_state, and on rows sorted in any meaningful order each
fold is one contiguous stretch of each class.
"""

from sklearn.model_selection import cross_val_score

from kata_harness.implementation import inherit_reference


def cross_validated_accuracy(estimator, X, y, cv=5, random_state=None):
    return float(cross_val_score(estimator, X, y, cv=cv, scoring="accuracy").mean())


inherit_reference(globals(), "03_ensembles")
