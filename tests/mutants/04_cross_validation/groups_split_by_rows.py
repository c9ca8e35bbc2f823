"""Mistake: grouped folds that cut the rows like plain shuffled k-fold, ignoring the groups.

Rows of one patient then land on both sides of a split, and the validation score rewards a model
for recognising the patient rather than for generalising to new ones.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def group_kfold_indices(groups, n_splits=5):
    order = np.random.default_rng(0).permutation(len(groups))
    chunks = np.array_split(order, n_splits)
    return [(np.sort(np.setdiff1d(order, chunk)), np.sort(chunk)) for chunk in chunks]


inherit_reference(globals(), "04_cross_validation")
