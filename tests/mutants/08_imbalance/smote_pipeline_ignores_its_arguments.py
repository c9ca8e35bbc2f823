"""Mistake: smote_pipeline builds SMOTE with its defaults, dropping k_neighbors and random_state.

Cross-validation still resamples inside the folds, but the caller's k and seed never arrive: runs
cannot be reproduced and a small minority fails with the default k.
"""

from imblearn.over_sampling import SMOTE
from imblearn.pipeline import Pipeline
from sklearn.base import clone

from kata_harness.implementation import inherit_reference


def smote_pipeline(estimator, k_neighbors=5, random_state=None):
    return Pipeline([("smote", SMOTE()), ("model", clone(estimator))])


inherit_reference(globals(), "08_imbalance")
