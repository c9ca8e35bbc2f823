"""Mistake: a ROC point after every row instead of after every distinct score.

Rows that share a score are split between thresholds that do not exist, so the curve has a
staircase where it should have one diagonal step, its length differs from scikit-learn's, and its
area depends on the order of the tied rows.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def roc_curve(y_true, y_score):
    y_true, y_score = np.asarray(y_true), np.asarray(y_score, dtype=float)
    labels = np.unique(y_true)
    if len(labels) < 2:
        raise ValueError(
            f"y_true holds a single class ({labels[0]}); ROC AUC needs both positives and negatives"
        )
    order = np.argsort(-y_score, kind="stable")
    positive = (y_true == labels[-1])[order]
    tps = np.cumsum(positive)
    fps = np.cumsum(~positive)
    return (
        np.r_[0, fps] / fps[-1],
        np.r_[0, tps] / tps[-1],
        np.r_[np.inf, y_score[order]],
    )


inherit_reference(globals(), "06_roc_auc")
