"""Mistake: undersampled rows returned class by class instead of in their original order.

Harmless on data already sorted by class, but on shuffled rows the order (and any time or group
structure in it) is lost.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def random_undersample(X, y, random_state=None):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels; they must match")
    if len(np.unique(y)) < 2:
        raise ValueError("y holds a single class; resampling needs at least two classes")
    rng = np.random.default_rng(random_state)
    labels, counts = np.unique(y, return_counts=True)
    keep = np.concatenate(
        [np.sort(rng.choice(np.flatnonzero(y == label), size=counts.min(), replace=False)) for label in labels]
    )
    return X[keep], y[keep]


inherit_reference(globals(), "08_imbalance")
