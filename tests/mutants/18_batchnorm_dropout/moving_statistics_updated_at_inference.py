"""Mistake: batch normalization that moves its moving statistics towards every batch, at inference too.

The output at inference does use the moving statistics, but the returned ones have drifted towards
the served batch: every prediction retrains the layer a little, and the served data leaks into it.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def batchnorm_forward(
    x, gamma, beta, moving_mean, moving_variance, training, momentum=0.99, epsilon=1e-3
):
    x = np.asarray(x, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"x must be a 2-D array (batch, features), got shape {x.shape}")
    gamma, beta, moving_mean, moving_variance = (
        np.asarray(a, dtype=float) for a in (gamma, beta, moving_mean, moving_variance)
    )
    if gamma.shape != (x.shape[1],):
        raise ValueError(f"gamma has shape {gamma.shape} but x has {x.shape[1]} features")
    if not 0 <= momentum <= 1:
        raise ValueError(f"momentum must be in [0, 1], got {momentum}")
    mean, variance = x.mean(axis=0), x.var(axis=0)
    new_mean = momentum * moving_mean + (1 - momentum) * mean
    new_variance = momentum * moving_variance + (1 - momentum) * variance
    if training:
        out = gamma * (x - mean) / np.sqrt(variance + epsilon) + beta
    else:
        out = gamma * (x - moving_mean) / np.sqrt(moving_variance + epsilon) + beta
    return out, new_mean, new_variance


inherit_reference(globals(), "18_batchnorm_dropout")
