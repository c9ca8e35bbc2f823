"""Mistake: ranking features by their signed correlation instead of its absolute value.

A feature that falls as the target rises is just as informative as one that rises with it; the
signed ranking throws away every strongly negative feature.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def correlation_scores(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    X_centred, y_centred = X - X.mean(axis=0), y - y.mean()
    return (y_centred @ X_centred) / (np.linalg.norm(X_centred, axis=0) * np.linalg.norm(y_centred))


def top_k_by_correlation(X, y, k):
    scores = correlation_scores(X, y)
    if not 1 <= k <= len(scores):
        raise ValueError(f"k={k} is out of range; X has {len(scores)} features")
    return np.sort(np.argsort(-scores)[:k])


inherit_reference(globals(), "09_feature_selection")
