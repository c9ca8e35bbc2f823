"""Mistake: ranks from a double argsort, so tied scores get different ranks in row order.

The rank-sum formula is right only with average ranks. Ordinal ranks turn every tie into a win or a
loss depending on where the rows happen to sit, so the AUC drifts away from roc_auc_score.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def roc_auc(y_true, y_score):
    y_true, y_score = np.asarray(y_true), np.asarray(y_score, dtype=float)
    labels = np.unique(y_true)
    if len(labels) < 2:
        raise ValueError(
            f"y_true holds a single class ({labels[0]}); ROC AUC needs both positives and negatives"
        )
    positive = y_true == labels[-1]
    ranks = np.argsort(np.argsort(y_score, kind="stable")) + 1
    n_pos, n_neg = positive.sum(), (~positive).sum()
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


inherit_reference(globals(), "06_roc_auc")
