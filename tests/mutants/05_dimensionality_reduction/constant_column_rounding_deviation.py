"""Mistake: standardizing guards a constant column with ``std == 0``, which rounding defeats.

A column of 0.1s has a computed deviation of about 1e-17, not 0, so it is divided by 1e-17 and
its rounding residue becomes a feature of variance 1: a spurious principal component.
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
