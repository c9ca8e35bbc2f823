"""Leans on scikit-learn: PCA(svd_solver="covariance_eigh") and StandardScaler for pca, PCA(target)
for the variance count, inverse_transform for the reconstruction.

The covariance route squares the condition number, so the smallest variances carry relative
errors near 1e-9 where the SVD of the centred data is exact to 1e-15.
"""

from __future__ import annotations

import numpy as np
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE
from sklearn.preprocessing import StandardScaler

METHODS = ("pca", "tsne")


def _matrix(X):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or len(X) < 2:
        raise ValueError(f"X must be 2-D with at least 2 rows, got shape {X.shape}")
    return X


def _fit(X, n_components):
    limit = min(X.shape)
    if n_components is not None and not 1 <= n_components <= limit:
        raise ValueError(f"n_components={n_components} must lie between 1 and {limit}")
    return PCA(n_components=n_components, svd_solver="covariance_eigh").fit(X)


def pca(X, n_components=None, *, standardize=False):
    X = _matrix(X)
    mean, scale, data = X.mean(axis=0), None, X
    if standardize:
        scaler = StandardScaler().fit(X)
        scale, data = scaler.scale_, scaler.transform(X)
    model = _fit(data, n_components)
    return {
        "mean": mean,
        "scale": scale,
        "components": model.components_,
        "explained_variance": model.explained_variance_,
        "explained_variance_ratio": model.explained_variance_ratio_,
        "scores": model.transform(data),
    }


def n_components_for_variance(X, target):
    if not 0 < target < 1:
        raise ValueError(f"target must lie strictly between 0 and 1, got {target}")
    return int(PCA(n_components=target, svd_solver="covariance_eigh").fit(_matrix(X)).n_components_)


def reconstruction_error(X, n_components):
    X = _matrix(X)
    model = _fit(X, n_components)
    return float(np.mean((X - model.inverse_transform(model.transform(X))) ** 2))


def embed_2d(X, method, *, random_state=None):
    X = _matrix(X)
    if method == "pca":
        return _fit(X, 2).transform(X)
    if method == "tsne":
        return TSNE(
            n_components=2,
            perplexity=30,
            init="pca",
            max_iter=300,
            angle=0.8,
            early_exaggeration=4.0,
            random_state=random_state,
        ).fit_transform(X)
    raise ValueError(f"method must be one of {METHODS}, got {method!r}")


def reduce_for_downstream(X_train, X_test, method="pca", n_components=2):
    if method == "tsne":
        raise ValueError("t-SNE cannot embed new points: it has no transform for unseen rows")
    if method != "pca":
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    model = _fit(_matrix(X_train), n_components)
    return model.transform(X_train), model.transform(np.asarray(X_test, dtype=float))
