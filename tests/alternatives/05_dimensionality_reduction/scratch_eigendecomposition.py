"""From scratch by eigendecomposition of the covariance matrix (numpy.linalg.eigh) instead of an
SVD of the centred data; the scores are the explicit product centred @ components.T.

Eigenvalues come back ascending, so they are reversed; each component's sign is whatever eigh
returns. The variance count walks the running total in a Python loop.
"""

from __future__ import annotations

import numpy as np
from sklearn.manifold import TSNE

METHODS = ("pca", "tsne")


def _matrix(X):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or len(X) < 2:
        raise ValueError(f"X must be 2-D with at least 2 rows, got shape {X.shape}")
    return X


def _eigen(centred):
    covariance = centred.T @ centred / (len(centred) - 1)
    values, vectors = np.linalg.eigh(covariance)
    order = np.argsort(values)[::-1]
    return np.clip(values[order], 0.0, None), vectors[:, order].T


def pca(X, n_components=None, *, standardize=False):
    X = _matrix(X)
    limit = min(X.shape)
    k = limit if n_components is None else n_components
    if not 1 <= k <= limit:
        raise ValueError(f"n_components={n_components} must lie between 1 and {limit}")
    mean = X.mean(axis=0)
    centred = X - mean
    scale = None
    if standardize:
        constant = X.max(axis=0) == X.min(axis=0)
        centred[:, constant] = 0.0
        scale = np.where(constant, 1.0, np.sqrt(np.mean(centred**2, axis=0)))
        centred = centred / scale
    variances, components = _eigen(centred)
    total = np.trace(centred.T @ centred) / (len(X) - 1)
    return {
        "mean": mean,
        "scale": scale,
        "components": components[:k],
        "explained_variance": variances[:k],
        "explained_variance_ratio": variances[:k] / total,
        "scores": centred @ components[:k].T,
    }


def n_components_for_variance(X, target):
    if not 0 < target < 1:
        raise ValueError(f"target must lie strictly between 0 and 1, got {target}")
    running = 0.0
    for count, share in enumerate(pca(X)["explained_variance_ratio"], start=1):
        running += share
        if running > target:
            return count
    return count


def reconstruction_error(X, n_components):
    X = _matrix(X)
    fitted = pca(X, n_components)
    rebuilt = fitted["mean"] + fitted["scores"] @ fitted["components"]
    return float(((X - rebuilt) ** 2).sum() / X.size)


def embed_2d(X, method, *, random_state=None):
    if method == "pca":
        return pca(X, 2)["scores"]
    if method == "tsne":
        return TSNE(
            n_components=2,
            perplexity=30,
            init="pca",
            max_iter=300,
            angle=0.8,
            early_exaggeration=4.0,
            random_state=random_state,
        ).fit_transform(_matrix(X))
    raise ValueError(f"method must be one of {METHODS}, got {method!r}")


def reduce_for_downstream(X_train, X_test, method="pca", n_components=2):
    if method == "tsne":
        raise ValueError("t-SNE cannot embed new points: it has no transform for unseen rows")
    if method != "pca":
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    fitted = pca(X_train, n_components)
    X_test = np.asarray(X_test, dtype=float)
    if X_test.ndim != 2 or X_test.shape[1] != len(fitted["mean"]):
        raise ValueError(f"X_test of shape {X_test.shape} does not match X_train's columns")
    return fitted["scores"], (X_test - fitted["mean"]) @ fitted["components"].T
