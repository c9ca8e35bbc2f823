"""Mistake: average precision with one step per row, so tied rows are split by their row order."""

import numpy as np

from kata_harness.implementation import inherit_reference


def average_precision(y_true, y_score):
    y_true, y_score = np.asarray(y_true), np.asarray(y_score, dtype=float)
    positive = y_true == np.unique(y_true)[-1]
    ranked = positive[np.argsort(-y_score, kind="stable")]
    tp = np.cumsum(ranked)
    precision = tp / np.arange(1, len(ranked) + 1)
    return float(np.sum(precision[ranked]) / positive.sum())


inherit_reference(globals(), "06_roc_auc")
