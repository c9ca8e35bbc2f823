"""Mistake: an off-by-one closes the last run of scores at row n - 2, so a positive ranked last is
never counted and recall is divided by too few positives."""

import numpy as np

from kata_harness.implementation import inherit_reference


def average_precision(y_true, y_score):
    roc_curve(y_true, y_score)  # noqa: F821 (inherited; only to check the input)
    y_true, y_score = np.asarray(y_true), np.asarray(y_score, dtype=float)
    positive = y_true == np.unique(y_true)[-1]
    order = np.argsort(-y_score, kind="stable")
    sorted_scores, sorted_positive = y_score[order], positive[order]
    last_of_run = np.r_[np.flatnonzero(np.diff(sorted_scores)), len(sorted_scores) - 2]
    true_positives = np.cumsum(sorted_positive)[last_of_run]
    precision = true_positives / (last_of_run + 1)
    recall = true_positives / true_positives[-1]
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


inherit_reference(globals(), "06_roc_auc")
