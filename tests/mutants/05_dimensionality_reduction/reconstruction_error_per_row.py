"""Mistake: the reconstruction error is the squared error summed over a row's features and
averaged over rows, not the mean over every entry."""

import numpy as np

from kata_harness.implementation import inherit_reference


def reconstruction_error(X, n_components):
    X = np.asarray(X, dtype=float)
    fitted = pca(X, n_components)  # noqa: F821 (inherited)
    rebuilt = fitted["scores"] @ fitted["components"] + fitted["mean"]
    return float(np.mean(np.sum((X - rebuilt) ** 2, axis=1)))


inherit_reference(globals(), "05_dimensionality_reduction")
