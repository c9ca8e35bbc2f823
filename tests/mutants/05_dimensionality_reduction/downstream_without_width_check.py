"""Mistake: reduce_for_downstream projects X_test without checking its shape, so a 1-D X_test of
the right length comes back as one row's scores instead of an error."""

import numpy as np

from kata_harness.implementation import inherit_reference


def reduce_for_downstream(X_train, X_test, method="pca", n_components=2):
    if method == "tsne":
        raise ValueError("t-SNE cannot embed new points: it has no transform for unseen rows")
    if method != "pca":
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")  # noqa: F821
    fitted = pca(X_train, n_components)  # noqa: F821 (inherited)
    X_test = np.asarray(X_test, dtype=float)
    return fitted["scores"], (X_test - fitted["mean"]) @ fitted["components"].T


inherit_reference(globals(), "05_dimensionality_reduction")
