"""Mistake: average precision as the trapezoid area under the precision-recall curve.

Interpolating linearly between PR points is optimistic and is not what average precision means:
it is a step sum of precision times each gain in recall.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def average_precision(y_true, y_score):
    y_true, y_score = np.asarray(y_true), np.asarray(y_score, dtype=float)
    positive = y_true == np.unique(y_true)[-1]
    thresholds = np.unique(y_score)[::-1]
    tp = np.array([np.sum(positive & (y_score >= t)) for t in thresholds])
    flagged = np.array([np.sum(y_score >= t) for t in thresholds])
    recall = np.r_[0.0, tp / positive.sum()]
    precision = np.r_[1.0, tp / flagged]
    return float(np.sum(np.diff(recall) * (precision[1:] + precision[:-1]) / 2))


inherit_reference(globals(), "06_roc_auc")
