"""Mistake: the KS statistic evaluated only at the reference sample's points.

The largest gap between two step functions can sit at a point of either sample. Looking only at
reference points misses the gaps that open at current points, so the statistic comes out too
small, sometimes by a whole step.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def ks_statistic(reference, current):
    reference = np.sort(np.asarray(reference, dtype=float))
    current = np.sort(np.asarray(current, dtype=float))
    if reference.size == 0 or current.size == 0:
        raise ValueError("reference is empty" if reference.size == 0 else "current is empty")
    cdf_reference = np.searchsorted(reference, reference, side="right") / reference.size
    cdf_current = np.searchsorted(current, reference, side="right") / current.size
    return float(np.max(np.abs(cdf_reference - cdf_current)))


inherit_reference(globals(), "12_monitoring")
