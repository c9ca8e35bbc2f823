"""Mistake: fit_transform on the test rows as well, so the test set gets its own PCA.

The test features then live in different axes from the training features (and may even flip sign),
and fitting on the test rows leaks them into the feature extraction.
"""

from sklearn.decomposition import PCA

from kata_harness.implementation import inherit_reference


def reduce_for_downstream(X_train, X_test, method="pca", n_components=2):
    if method == "tsne":
        raise ValueError("t-SNE cannot embed new points")
    return (
        PCA(n_components=n_components).fit_transform(X_train),
        PCA(n_components=n_components).fit_transform(X_test),
    )


inherit_reference(globals(), "05_dimensionality_reduction")
