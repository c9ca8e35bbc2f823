"""Mistake: "SMOTE" that copies random minority rows instead of interpolating between neighbours.

Random oversampling balances the counts too, but every new row is an exact duplicate, which invites
a model to memorise the minority instead of learning its region.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def smote(X, y, k_neighbors=5, random_state=None):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    rng = np.random.default_rng(random_state)
    labels, counts = np.unique(y, return_counts=True)
    new_X, new_y = [X], [y]
    for label, count in zip(labels, counts):
        picks = rng.choice(np.flatnonzero(y == label), size=counts.max() - count)
        new_X.append(X[picks])
        new_y.append(y[picks])
    return np.vstack(new_X), np.concatenate(new_y)


inherit_reference(globals(), "08_imbalance")
