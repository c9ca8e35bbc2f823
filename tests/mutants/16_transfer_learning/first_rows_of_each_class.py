"""Mistake: taking the first n rows of every class as the labelled budget.

The counts are right, but the choice is not random: whatever order the data came in (by date, by
source, by annotator) decides which examples the model learns from, and no seed can change it.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def sample_per_class(y, n_per_class, random_state=None):
    y = np.asarray(y)
    picks = []
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        if len(members) < n_per_class:
            raise ValueError(
                f"class {label} has {len(members)} rows; cannot draw {n_per_class} per class"
            )
        picks.append(members[:n_per_class])
    return np.sort(np.concatenate(picks))


inherit_reference(globals(), "16_transfer_learning")
