"""Mistake: t-SNE runs with scikit-learn's default settings instead of the ones the docstring gives.

``TSNE(n_components=2, random_state=...)`` draws a sound picture, so the trustworthiness test
cannot tell; but its early exaggeration of 12, Barnes-Hut angle of 0.5 and 1,000 iterations are
not the documented 4, 0.8 and 300, which keep the kata's t-SNE run short.
"""

import numpy as np
from sklearn.manifold import TSNE

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "05_dimensionality_reduction")
_reference_embed_2d = embed_2d  # noqa: F821 (set by inherit_reference)


def embed_2d(X, method, *, random_state=None):
    if method == "tsne":
        return TSNE(n_components=2, random_state=random_state).fit_transform(np.asarray(X, float))
    return _reference_embed_2d(X, method, random_state=random_state)
