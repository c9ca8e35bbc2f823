"""Mistake: sample_per_class assumes the labels are 0..k-1 integers (np.bincount, range(k)).

String labels, or integer labels with gaps, break it.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def sample_per_class(y, n_per_class, random_state=None):
    y = np.asarray(y)
    if n_per_class < 1:
        raise ValueError(f"n_per_class must be at least 1, got {n_per_class}")
    counts = np.bincount(y)
    rng = np.random.default_rng(random_state)
    picks = []
    for label in range(len(counts)):
        if counts[label] < n_per_class:
            raise ValueError(f"class {label} has {counts[label]} rows; cannot draw {n_per_class} per class")
        picks.append(rng.choice(np.flatnonzero(y == label), n_per_class, replace=False))
    return np.sort(np.concatenate(picks))


inherit_reference(globals(), "16_transfer_learning")
