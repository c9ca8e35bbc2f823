"""Mistake: SMOTE that looks for neighbours among all rows, not only the minority class.

Interpolating towards a majority neighbour places "minority" points inside the majority's region,
which blurs the boundary the model is meant to learn.
"""

import numpy as np
from sklearn.neighbors import NearestNeighbors

from kata_harness.implementation import inherit_reference


def smote(X, y, k_neighbors=5, random_state=None):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    rng = np.random.default_rng(random_state)
    labels, counts = np.unique(y, return_counts=True)
    neighbours = NearestNeighbors(n_neighbors=k_neighbors + 1).fit(X).kneighbors(X)[1]
    new_X, new_y = [X], [y]
    for label, count in zip(labels, counts):
        n_new = counts.max() - count
        base = rng.choice(np.flatnonzero(y == label), size=n_new)
        partner = neighbours[base, rng.integers(1, k_neighbors + 1, size=n_new)]
        new_X.append(X[base] + rng.random((n_new, 1)) * (X[partner] - X[base]))
        new_y.append(np.full(n_new, label))
    return np.vstack(new_X), np.concatenate(new_y)


inherit_reference(globals(), "08_imbalance")
