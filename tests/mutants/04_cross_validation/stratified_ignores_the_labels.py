"""Mistake: "stratified" folds that are plain k-fold folds; the labels are never looked at.

On data sorted by class, unshuffled folds then hold one class each, and even shuffled folds let a
rare class's share drift by several rows from fold to fold.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def stratified_kfold_indices(y, n_splits=5, *, shuffle=False, random_state=None):
    n = len(y)
    order = np.random.default_rng(random_state).permutation(n) if shuffle else np.arange(n)
    chunks = np.array_split(order, n_splits)
    return [(np.sort(np.setdiff1d(order, chunk)), np.sort(chunk)) for chunk in chunks]


inherit_reference(globals(), "04_cross_validation")
