"""Mistake: SMOTE refuses a class of exactly k_neighbors + 1 rows.

Such a class has exactly k neighbours besides each row, which is all SMOTE needs; the off-by-one
comparison refuses it, so the default k_neighbors=5 rejects a 6-row minority.
"""

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "08_imbalance")
_reference_smote = smote  # noqa: F821


def smote(X, y, k_neighbors=5, random_state=None):
    import numpy as np

    labels, counts = np.unique(np.asarray(y), return_counts=True)
    for label, count in zip(labels, counts):
        if count < counts.max() and count <= k_neighbors + 1:
            raise ValueError(f"class {label} has {count} rows; SMOTE with k_neighbors={k_neighbors} needs more")
    return _reference_smote(X, y, k_neighbors=k_neighbors, random_state=random_state)
