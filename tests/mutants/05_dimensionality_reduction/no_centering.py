"""Mistake: the SVD of the raw data, without subtracting the column means first.

The first "component" then points at the mean of the data rather than along its spread, the ratios
no longer describe variance, and the projected coordinates are correlated.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def pca(X, n_components=None, *, standardize=False):
    X = np.asarray(X, dtype=float)
    k = min(X.shape) if n_components is None else n_components
    scale = None
    if standardize:
        scale = X.std(axis=0)
        scale[scale == 0] = 1.0
        X = X / scale
    _, s, components = np.linalg.svd(X, full_matrices=False)
    variance = s**2 / (len(X) - 1)
    return {
        "mean": np.zeros(X.shape[1]),
        "scale": scale,
        "components": components[:k],
        "explained_variance": variance[:k],
        "explained_variance_ratio": variance[:k] / variance.sum(),
        "scores": X @ components[:k].T,
    }


inherit_reference(globals(), "05_dimensionality_reduction")
