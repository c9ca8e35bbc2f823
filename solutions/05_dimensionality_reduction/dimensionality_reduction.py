"""Dimensionality reduction: PCA from the SVD of centred data, choosing k for a variance target,
reconstruction error, why scale matters, and what t-SNE is (and is not) for."""

from __future__ import annotations

import numpy as np
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE

METHODS = ("pca", "tsne")


def _as_matrix(X) -> np.ndarray:
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D array of shape (n_samples, n_features), got {X.shape}")
    if len(X) < 2:
        raise ValueError(f"X has {len(X)} rows; PCA needs at least 2 to measure variance")
    return X


def _check_n_components(n_components, X: np.ndarray) -> int:
    limit = min(X.shape)
    if n_components is None:
        return limit
    if not 1 <= n_components <= limit:
        raise ValueError(
            f"n_components={n_components} must lie between 1 and min(n_samples, n_features)={limit}"
        )
    return int(n_components)


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
    X = _as_matrix(X)
    k = _check_n_components(n_components, X)
    mean = X.mean(axis=0)
    centred = X - mean
    scale = None
    if standardize:
        # Test constancy on the values, not on the computed deviation: a column of 0.1s has a
        # deviation of 1e-17 from rounding, and dividing by that would blow it up to variance 1.
        constant = np.ptp(X, axis=0) == 0
        centred[:, constant] = 0.0
        scale = np.where(constant, 1.0, X.std(axis=0))
        centred = centred / scale
    left, singular_values, components = np.linalg.svd(centred, full_matrices=False)
    variance = singular_values**2 / (len(X) - 1)
    return {
        "mean": mean,
        "scale": scale,
        "components": components[:k],
        "explained_variance": variance[:k],
        "explained_variance_ratio": variance[:k] / variance.sum(),
        # centred = U S Vt, so the projection centred @ V[:, :k] is U[:, :k] S[:k], without a product.
        "scores": left[:, :k] * singular_values[:k],
    }


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
    if not 0 < target < 1:
        raise ValueError(f"target must lie strictly between 0 and 1, got {target}")
    cumulative = np.cumsum(pca(X)["explained_variance_ratio"])
    # scikit-learn keeps components until the running total strictly exceeds the target.
    return int(np.searchsorted(cumulative, target, side="right") + 1)


def reconstruction_error(X, n_components: int) -> float:
    """Mean squared error, per entry, of rebuilding X from its first ``n_components`` components.

    The reconstruction is ``scores @ components + mean``; at full rank it gives X back.
    """
    X = _as_matrix(X)
    fitted = pca(X, n_components)
    rebuilt = fitted["scores"] @ fitted["components"] + fitted["mean"]
    return float(np.mean((X - rebuilt) ** 2))


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
    X = _as_matrix(X)
    if method == "pca":
        return pca(X, 2)["scores"]
    if method == "tsne":
        tsne = TSNE(
            n_components=2,
            perplexity=30,
            init="pca",
            max_iter=300,
            angle=0.8,
            early_exaggeration=4.0,
            random_state=random_state,
        )
        return tsne.fit_transform(X)
    raise ValueError(f"method must be one of {METHODS}, got {method!r}")


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
    X_train, X_test = _as_matrix(X_train), np.asarray(X_test, dtype=float)
    if method == "tsne":
        raise ValueError(
            "t-SNE cannot embed new points: it has no transform, only fit_transform on the rows "
            "it is given, so use it for pictures and PCA (or another model) for features"
        )
    if method != "pca":
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    if X_test.ndim != 2 or X_test.shape[1] != X_train.shape[1]:
        raise ValueError(
            f"X_test has shape {X_test.shape}; it needs {X_train.shape[1]} columns like X_train"
        )
    model = PCA(n_components=n_components, svd_solver="full").fit(X_train)
    return model.transform(X_train), model.transform(X_test)
