"""Mistake: standardizing divides by the raw deviation, so a constant column becomes 0/0 = NaN."""

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
        centred = centred / scale
    left, s, vt = np.linalg.svd(centred, full_matrices=False)
    variance = s**2 / (len(X) - 1)
    return {
        "mean": mean,
        "scale": scale,
        "components": vt[:k],
        "explained_variance": variance[:k],
        "explained_variance_ratio": variance[:k] / variance.sum(),
        "scores": left[:, :k] * s[:k],
    }


inherit_reference(globals(), "05_dimensionality_reduction")
