"""Mistake: the trapezoid sum with no look at x's direction: negative on decreasing x, and a
back-and-forth x is summed instead of refused."""

import numpy as np

from kata_harness.implementation import inherit_reference


def auc(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    return float(np.sum(np.diff(x) * (y[1:] + y[:-1]) / 2))


inherit_reference(globals(), "06_roc_auc")
