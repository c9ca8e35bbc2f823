"""Mistake: the index of the first cumulative ratio that reaches the target, taken as the count.

numpy.argmax(cumulative >= target) is a zero-based position, so it is one short: 28 components on
digits, which keep less than 95% of the variance.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def n_components_for_variance(X, target):
    cumulative = np.cumsum(pca(X)["explained_variance_ratio"])  # noqa: F821 (inherited)
    return int(np.argmax(cumulative >= target))


inherit_reference(globals(), "05_dimensionality_reduction")
