"""Mistake: on a tie in J, Youden's threshold takes the last (lowest) threshold, not the first."""

import numpy as np

from kata_harness.implementation import inherit_reference


def youden_threshold(y_true, y_score):
    fpr, tpr, thresholds = roc_curve(y_true, y_score)  # noqa: F821 (inherited)
    j = tpr - fpr
    return float(thresholds[len(j) - 1 - np.argmax(j[::-1])])


inherit_reference(globals(), "06_roc_auc")
