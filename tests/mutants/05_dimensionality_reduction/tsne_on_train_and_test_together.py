"""Mistake: "t-SNE features" made by running t-SNE on the training and test rows stacked together.

It produces numbers, but the test rows' positions depend on which test rows were present, there is
no mapping to reuse in production, and the test set shaped the embedding the model trains on.
"""

import numpy as np
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE

from kata_harness.implementation import inherit_reference


def reduce_for_downstream(X_train, X_test, method="pca", n_components=2):
    if method == "tsne":
        both = TSNE(n_components=n_components, max_iter=250, random_state=0).fit_transform(
            np.vstack([X_train, X_test])
        )
        return both[: len(X_train)], both[len(X_train) :]
    model = PCA(n_components=n_components).fit(X_train)
    return model.transform(X_train), model.transform(X_test)


inherit_reference(globals(), "05_dimensionality_reduction")
