"""Mistake: auc demands a strictly monotonic x, so a reversed ROC curve, whose fpr repeats at every
vertical step, is refused as if it went back and forth."""

import numpy as np

from kata_harness.implementation import inherit_reference


def auc(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape or x.ndim != 1 or len(x) < 2:
        raise ValueError("x and y must be 1-D of one length, with at least 2 points")
    steps = np.diff(x)
    if not (np.all(steps > 0) or np.all(steps < 0)):
        if np.all(steps >= 0):
            return float(np.sum(steps * (y[1:] + y[:-1]) / 2))
        raise ValueError("x is neither increasing nor decreasing, so the area is not defined")
    return float(abs(np.sum(steps * (y[1:] + y[:-1]) / 2)))


inherit_reference(globals(), "06_roc_auc")
