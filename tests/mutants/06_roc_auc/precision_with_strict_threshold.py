"""Mistake: precision_at flags rows with ``y_score > threshold``, dropping the rows on the threshold."""

import numpy as np

from kata_harness.implementation import inherit_reference


def precision_at(y_true, y_score, threshold):
    y_true, y_score = np.asarray(y_true), np.asarray(y_score, dtype=float)
    if len(np.unique(y_true)) == 1:
        raise ValueError(f"y_true holds a single class ({y_true[0]})")
    predicted = y_score > threshold
    if not predicted.any():
        return 0.0
    return float(np.mean(y_true[predicted] == np.unique(y_true)[-1]))


inherit_reference(globals(), "06_roc_auc")
