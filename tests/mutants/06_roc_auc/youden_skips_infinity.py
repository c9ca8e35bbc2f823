"""Mistake: Youden's argmax skips roc_curve's first point, the +inf threshold.

J is 0 at +inf (no row flagged). When no finite threshold does better, as with reversed or
constant scores, the documented choice is that first point, +inf; skipping it returns the lowest
score instead, which flags every row.
"""

import numpy as np

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "06_roc_auc")


def youden_threshold(y_true, y_score):
    fpr, tpr, thresholds = roc_curve(y_true, y_score)  # noqa: F821 (set by inherit_reference)
    return float(thresholds[1:][np.argmax((tpr - fpr)[1:])])
