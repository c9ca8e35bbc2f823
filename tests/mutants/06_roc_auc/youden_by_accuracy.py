"""Mistake: choosing the threshold with the best accuracy and calling it Youden's.

Accuracy weights each class by its size, so with rare positives it climbs towards "predict nobody",
while J = tpr - fpr weights the two rates equally.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def youden_threshold(y_true, y_score):
    y_true, y_score = np.asarray(y_true), np.asarray(y_score, dtype=float)
    _, _, thresholds = roc_curve(y_true, y_score)  # noqa: F821 (inherited from the reference)
    accuracy = [np.mean((y_score >= t) == (y_true == 1)) for t in thresholds]
    return float(thresholds[int(np.argmax(accuracy))])


inherit_reference(globals(), "06_roc_auc")
