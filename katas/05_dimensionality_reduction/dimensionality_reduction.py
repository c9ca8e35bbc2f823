"""Dimensionality reduction: PCA from the SVD of centred data, choosing k for a variance target,
reconstruction error, why scale matters, and what t-SNE is (and is not) for."""

from __future__ import annotations

import numpy as np
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE

METHODS = ("pca", "tsne")


def pca(X, n_components: int | None = None, *, standardize: bool = False) -> dict:
    """Principal component analysis from the singular value decomposition of the centred data.

    Parameters
    ----------
    X : array of shape (n_samples, n_features)
    n_components : int or None
        How many components to keep; None keeps ``min(n_samples, n_features)``.
    standardize : bool
        Divide every centred feature by its standard deviation (ddof=0, as ``StandardScaler``
        does) first, so each feature enters on the same scale; a constant feature is divided by 1,
        so it is left as it is (all zeros after centring) instead of turning into NaN.

    Returns
    -------
    dict with
        ``mean`` (n_features,), the column means that were subtracted;
        ``scale`` (n_features,) or None, what each feature was divided by when standardizing
        (1.0 for a constant feature), None otherwise;
        ``components`` (k, n_features), orthonormal rows, the directions of largest variance first;
        ``explained_variance`` (k,), the variance along each component (ddof=1, like scikit-learn);
        ``explained_variance_ratio`` (k,), each of those as a share of the total variance of all
        features (not only the kept ones);
        ``scores`` (n_samples, k), the data projected onto the components.

    Raises
    ------
    ValueError
        If X is not 2-D, has fewer than 2 rows, or ``n_components`` lies outside
        ``1 .. min(n_samples, n_features)``.
    """
    # TODO: implement pca; test_dimensionality_reduction.py says what it must do.
    raise NotImplementedError


def n_components_for_variance(X, target: float) -> int:
    """The smallest number of principal components whose explained variance exceeds ``target``.

    The count stops at the first ``k`` whose cumulative explained-variance ratio is strictly
    greater than ``target``, as scikit-learn counts. (At an exact tie, "reaches" would stop one
    component earlier; in floating point a tie is decided by rounding, so no test relies on one.)

    Parameters
    ----------
    X : array of shape (n_samples, n_features)
    target : float in (0, 1)
        The share of the total variance to keep, e.g. 0.95.

    Returns
    -------
    int, the same number as ``sklearn.decomposition.PCA(n_components=target).n_components_``.

    Raises
    ------
    ValueError
        If ``target`` is not strictly between 0 and 1.
    """
    # TODO: implement n_components_for_variance; test_dimensionality_reduction.py says what it must do.
    raise NotImplementedError


def reconstruction_error(X, n_components: int) -> float:
    """Mean squared error, per entry, of rebuilding X from its first ``n_components`` components.

    The reconstruction is ``scores @ components + mean``; at full rank it gives X back.
    """
    # TODO: implement reconstruction_error; test_dimensionality_reduction.py says what it must do.
    raise NotImplementedError


def embed_2d(X, method: str, *, random_state=None) -> np.ndarray:
    """Embed X in two dimensions with PCA or t-SNE, for a picture.

    Parameters
    ----------
    X : array of shape (n_samples, n_features)
    method : "pca" or "tsne"
        t-SNE runs scikit-learn's ``TSNE`` with perplexity 30, PCA initialisation,
        ``max_iter=300``, a Barnes-Hut ``angle`` of 0.8 (coarser than the default 0.5) and an
        early exaggeration of 4 (the original paper's value; scikit-learn's default is 12): on a
        few hundred points that is faster and as trustworthy.
    random_state : int or None
        Passed on unchanged as ``TSNE``'s ``random_state``.

    Returns
    -------
    array of shape (n_samples, 2)

    Raises
    ------
    ValueError
        If ``method`` is not one of `METHODS`.
    """
    # TODO: implement embed_2d; test_dimensionality_reduction.py says what it must do.
    raise NotImplementedError


def reduce_for_downstream(X_train, X_test, method: str = "pca", n_components: int = 2):
    """Reduce features for a later model: fit on the training rows only, then map the test rows.

    Parameters
    ----------
    X_train, X_test : arrays with the same number of columns
    method : "pca" or "tsne"
    n_components : int

    Returns
    -------
    (Z_train, Z_test), both with ``n_components`` columns; ``Z_test`` is computed with the
    components learnt from ``X_train`` and never looks at ``X_test`` while fitting.

    Raises
    ------
    ValueError
        For ``"tsne"``: t-SNE learns positions for the rows it was given and has no ``transform``
        for new rows, so it cannot be a feature extractor. Also for any method not in `METHODS`,
        and when X_test is not 2-D with as many columns as X_train.
    """
    # TODO: implement reduce_for_downstream; test_dimensionality_reduction.py says what it must do.
    raise NotImplementedError
