"""Mistake: undersampling that draws with replacement from every class, the minority included.

The counts come out equal, but some rows appear twice and some minority rows are lost, so the
scarce class loses information it cannot spare.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def random_undersample(X, y, random_state=None):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    rng = np.random.default_rng(random_state)
    labels, counts = np.unique(y, return_counts=True)
    keep = np.concatenate(
        [rng.choice(np.flatnonzero(y == label), size=counts.min()) for label in labels]
    )
    return X[keep], y[keep]


inherit_reference(globals(), "08_imbalance")
