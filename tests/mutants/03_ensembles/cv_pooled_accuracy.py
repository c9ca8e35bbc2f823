"""Mistake: cross_validated_accuracy pools out-of-fold predictions (cross_val_predict) instead of averaging per-fold accuracies."""

import numpy as np
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from kata_harness.implementation import inherit_reference


def cross_validated_accuracy(estimator, X, y, cv=5, random_state=None):
    p = cross_val_predict(
        estimator, X, y, cv=StratifiedKFold(cv, shuffle=True, random_state=random_state)
    )
    return float(np.mean(p == np.asarray(y)))


inherit_reference(globals(), "03_ensembles")
