"""Mistake: one-vs-rest "macro" AUC computed by flattening the one-hot labels and the probabilities.

That is the micro average: it pools every (row, class) pair into one binary problem, so it weights
classes by size and mixes scores from different columns that were never meant to be compared.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def ovr_macro_auc(y_true, y_proba):
    y_true, y_proba = np.asarray(y_true), np.asarray(y_proba, dtype=float)
    one_hot = (y_true[:, None] == np.unique(y_true)[None, :]).astype(int)
    return roc_auc(one_hot.ravel(), y_proba.ravel())  # noqa: F821 (inherited from the reference)


inherit_reference(globals(), "06_roc_auc")
