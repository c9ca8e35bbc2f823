"""Mistake: a sliding training window of fixed length instead of an expanding one.

Training still precedes validation, but each split forgets the oldest rows, so the window never
grows; that is a different design (for drifting data) and not what forward chaining promises.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def time_series_indices(n_samples, n_splits=5):
    block = n_samples // (n_splits + 1)
    first = n_samples - n_splits * block
    rows = np.arange(n_samples)
    return [
        (rows[k * block : first + k * block], rows[first + k * block : first + (k + 1) * block])
        for k in range(n_splits)
    ]


inherit_reference(globals(), "04_cross_validation")
