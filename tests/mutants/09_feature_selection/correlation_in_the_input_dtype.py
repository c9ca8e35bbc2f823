"""Mistake: correlation_scores computes sums of squares in the input's own dtype.

A boolean X squares to booleans and an int8 X overflows, so flags and small counts get wrong
norms, although the same values stored as floats score correctly.
"""

import numpy as np

from kata_harness.implementation import inherit_reference

inherit_reference(globals(), "09_feature_selection")


def correlation_scores(X, y):
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features), got shape {X.shape}")
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels; they must match")
    y_centred = y.astype(float) - y.mean()
    y_norm = np.sqrt(y_centred @ y_centred)
    if y_norm == 0:
        raise ValueError("y is constant; a correlation with it is undefined")
    n = len(y)
    x_mean = X.mean(axis=0)
    x_norm = np.sqrt(np.maximum(np.einsum("ij,ij->j", X, X) - n * x_mean**2, 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        r = (y_centred @ X) / (x_norm * y_norm)
    return np.abs(np.where(x_norm > 0, r, 0.0))
