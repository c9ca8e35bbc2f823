"""Mistake: cv_std and holdout_std use the sample standard deviation (ddof=1), not numpy.std's
ddof=0 that the docstring names."""

import numpy as np

from kata_harness.implementation import inherit_reference

_reference = {}
inherit_reference(_reference, "04_cross_validation")


def cv_and_holdout_spread(estimator, X, y, **kwargs):
    result = _reference["cv_and_holdout_spread"](estimator, X, y, **kwargs)
    result["cv_std"] = float(np.std(result["cv_means"], ddof=1))
    result["holdout_std"] = float(np.std(result["holdout_scores"], ddof=1))
    return result


inherit_reference(globals(), "04_cross_validation")
