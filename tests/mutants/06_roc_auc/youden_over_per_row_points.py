"""Mistake: Youden's J is scanned over one point per row (ties not grouped), so the best point can
sit inside a run of tied scores, and its score is returned as if it were a threshold there."""

import numpy as np

from kata_harness.implementation import inherit_reference


def youden_threshold(y_true, y_score):
    roc_curve(y_true, y_score)  # noqa: F821 (inherited; only to check the input)
    y_true, y_score = np.asarray(y_true), np.asarray(y_score, dtype=float)
    positive = y_true == np.unique(y_true)[-1]
    order = np.argsort(-y_score, kind="stable")
    tpr = np.r_[0, np.cumsum(positive[order])] / positive.sum()
    fpr = np.r_[0, np.cumsum(~positive[order])] / (~positive).sum()
    thresholds = np.r_[np.inf, y_score[order]]
    return float(thresholds[np.argmax(tpr - fpr)])


inherit_reference(globals(), "06_roc_auc")
