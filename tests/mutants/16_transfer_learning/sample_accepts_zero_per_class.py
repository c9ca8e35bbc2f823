"""Mistake: sample_per_class does not check n_per_class, so n_per_class=0 returns an empty budget silently."""

import numpy as np

from kata_harness.implementation import inherit_reference


def sample_per_class(y, n_per_class, random_state=None):
    y = np.asarray(y)
    rng = np.random.default_rng(random_state)
    picks = []
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        if len(members) < n_per_class:
            raise ValueError(f"class {label} has {len(members)} rows; cannot draw {n_per_class} per class")
        picks.append(rng.choice(members, size=n_per_class, replace=False))
    return np.sort(np.concatenate(picks))


inherit_reference(globals(), "16_transfer_learning")
