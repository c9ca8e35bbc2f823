"""Mistake: SMOTE always interpolates towards the nearest minority neighbour.

The k in k_neighbors is ignored: ranks 2..k are never drawn, so the new rows crowd along the
shortest segments.
"""

import numpy as np
from sklearn.neighbors import NearestNeighbors

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "08_imbalance")


def _check_xy(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels; they must match")
    if len(np.unique(y)) < 2:
        raise ValueError("y holds a single class; resampling needs at least two classes")
    return X, y


def smote(X, y, k_neighbors: int = 5, random_state=None) -> tuple[np.ndarray, np.ndarray]:
    """Oversample every smaller class with SMOTE until all classes are as large as the largest.

    Each synthetic row is ``a + gap * (b - a)``: ``a`` a random row of the class, ``b`` one of its
    ``k_neighbors`` nearest neighbours within the same class, ``gap`` uniform in [0, 1).

    Returns
    -------
    X_resampled, y_resampled
        The original rows first, unchanged and in order, then the synthetic rows.

    Raises
    ------
    ValueError
        If X and y differ in length, y holds a single class, or a class to oversample has fewer
        than ``k_neighbors + 1`` rows.
    """
    X, y = _check_xy(X, y)
    rng = np.random.default_rng(random_state)
    labels, counts = np.unique(y, return_counts=True)
    target = counts.max()
    new_X, new_y = [X], [y]
    for label, count in zip(labels, counts, strict=True):
        if count == target:
            continue
        if count < k_neighbors + 1:
            raise ValueError(
                f"class {label} has {count} rows; SMOTE with k_neighbors={k_neighbors} "
                f"needs at least {k_neighbors + 1}"
            )
        members = X[y == label]
        # Column 0 of the neighbour table is each row itself, so it is skipped below.
        neighbours = (
            NearestNeighbors(n_neighbors=k_neighbors + 1).fit(members).kneighbors(members)[1]
        )
        n_new = target - count
        base = rng.integers(0, count, size=n_new)
        partner = neighbours[base, np.ones(n_new, dtype=int)]
        gap = rng.random((n_new, 1))
        new_X.append(members[base] + gap * (members[partner] - members[base]))
        new_y.append(np.full(n_new, label, dtype=y.dtype))
    return np.vstack(new_X), np.concatenate(new_y)
