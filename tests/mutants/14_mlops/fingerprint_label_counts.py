"""Mistake: the fingerprint hashes the features and only the label counts, so labels that swap
rows (a different training set with the same class balance) give the same digest.
"""

import hashlib

import numpy as np

from kata_harness.implementation import inherit_reference


def data_fingerprint(X, y):
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels; they must match")
    digest = hashlib.sha256()
    digest.update(f"{X.dtype.str}{X.shape}{y.dtype.str}{y.shape}".encode())
    digest.update(np.ascontiguousarray(X).tobytes())
    values, counts = np.unique(y, return_counts=True)
    digest.update(values.tobytes() + counts.tobytes())
    return digest.hexdigest()


inherit_reference(globals(), "14_mlops")
