"""Mistake: PCA from the covariance eigendecomposition keeps all n_features components by default.

On a wide matrix (20 rows, 50 features) that returns 50 components where None promises
min(n_samples, n_features) = 20; the extra 30 carry no variance at all.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def pca(X, n_components=None, *, standardize=False):
    X = np.asarray(X, dtype=float)
    k = X.shape[1] if n_components is None else n_components
    mean = X.mean(axis=0)
    centred = X - mean
    scale = None
    if standardize:
        constant = np.ptp(X, axis=0) == 0
        centred[:, constant] = 0.0
        scale = np.where(constant, 1.0, X.std(axis=0))
        centred = centred / scale
    values, vectors = np.linalg.eigh(np.cov(centred, rowvar=False).reshape(X.shape[1], -1))
    order = np.argsort(values)[::-1]
    values, components = np.clip(values[order], 0, None), vectors[:, order].T
    return {
        "mean": mean,
        "scale": scale,
        "components": components[:k],
        "explained_variance": values[:k],
        "explained_variance_ratio": values[:k] / values.sum(),
        "scores": centred @ components[:k].T,
    }


inherit_reference(globals(), "05_dimensionality_reduction")
