"""Mistake: the area as a sum of left rectangles, width times the height at the left end.

That is exact for a staircase, but a tie makes a diagonal step and the rectangle misses the
triangle under it; the area comes out too small whenever scores tie.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def auc(x, y):
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    return float(np.sum(np.diff(x) * y[:-1]))


inherit_reference(globals(), "06_roc_auc")
