"""Mistake: abs() of the trapezoid sum handles decreasing x, but a non-monotone x is not refused."""

import numpy as np

from kata_harness.implementation import inherit_reference


def auc(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    return abs(float(np.sum(np.diff(x) * (y[1:] + y[:-1]) / 2)))


inherit_reference(globals(), "06_roc_auc")
