"""Mistake: the positive class is taken to be the label 1, whatever the labels are.

With labels 1/2 the rare class 1 becomes "positive" and every AUC comes out as 1 - AUC; with
strings nothing equals 1 and there are no positives at all.
"""

import numpy as np
from scipy.stats import rankdata

from kata_harness.implementation import inherit_reference


def roc_auc(y_true, y_score):
    positive = np.asarray(y_true) == 1
    y_score = np.asarray(y_score, dtype=float)
    if positive.all() or not positive.any():
        raise ValueError(f"y_true holds a single class ({np.asarray(y_true)[0]})")
    ranks = rankdata(y_score)
    n_pos, n_neg = positive.sum(), (~positive).sum()
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


inherit_reference(globals(), "06_roc_auc")
