"""Mistake: undersampling with a fixed internal seed, ignoring random_state.

Reproducible, but every "different" run keeps the same majority rows, so repeating an experiment
over seeds measures nothing.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def random_undersample(X, y, random_state=None):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels; they must match")
    if len(np.unique(y)) < 2:
        raise ValueError("y holds a single class; resampling needs at least two classes")
    rng = np.random.default_rng(0)
    labels, counts = np.unique(y, return_counts=True)
    keep = np.concatenate(
        [rng.choice(np.flatnonzero(y == label), size=counts.min(), replace=False) for label in labels]
    )
    keep.sort()
    return X[keep], y[keep]


inherit_reference(globals(), "08_imbalance")
