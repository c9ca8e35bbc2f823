"""Mistake: rebuilding X as scores @ components and forgetting to add the mean back.

The components describe deviations from the mean, so the rebuild is off by the mean in every row
and the error never reaches zero, not even with every component kept.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def reconstruction_error(X, n_components):
    X = np.asarray(X, dtype=float)
    fitted = pca(X, n_components)  # noqa: F821 (inherited from the reference)
    return float(np.mean((X - fitted["scores"] @ fitted["components"]) ** 2))


inherit_reference(globals(), "05_dimensionality_reduction")
