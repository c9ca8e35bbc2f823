"""Mistake: precision_at divides 0 by 0 when no row reaches the threshold, returning NaN not 0.0."""

import numpy as np

from kata_harness.implementation import inherit_reference


def precision_at(y_true, y_score, threshold):
    y_true, y_score = np.asarray(y_true), np.asarray(y_score, dtype=float)
    if len(np.unique(y_true)) == 1:
        raise ValueError(f"y_true holds a single class ({y_true[0]})")
    predicted = y_score >= threshold
    positive = y_true == np.unique(y_true)[-1]
    with np.errstate(invalid="ignore"):
        return float(np.sum(positive & predicted) / np.sum(predicted))


inherit_reference(globals(), "06_roc_auc")
