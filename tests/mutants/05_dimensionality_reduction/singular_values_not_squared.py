"""Mistake: the explained-variance ratio computed from the singular values instead of their squares.

Variance along a component is s**2 / (n - 1). Using s itself flattens the ratios, so the leading
components look less important and far too many are kept for a 95% target (43 instead of 29 on
digits).
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def pca(X, n_components=None, *, standardize=False):
    X = np.asarray(X, dtype=float)
    k = min(X.shape) if n_components is None else n_components
    mean = X.mean(axis=0)
    centred = X - mean
    scale = None
    if standardize:
        scale = X.std(axis=0)
        scale[scale == 0] = 1.0
        centred = centred / scale
    _, s, components = np.linalg.svd(centred, full_matrices=False)
    return {
        "mean": mean,
        "scale": scale,
        "components": components[:k],
        "explained_variance": s[:k] ** 2 / (len(X) - 1),
        "explained_variance_ratio": s[:k] / s.sum(),
        "scores": centred @ components[:k].T,
    }


inherit_reference(globals(), "05_dimensionality_reduction")
