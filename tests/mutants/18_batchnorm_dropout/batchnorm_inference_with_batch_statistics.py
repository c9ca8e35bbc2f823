"""Mistake: batch normalization that normalizes with the current batch's statistics at inference too.

A served prediction then depends on whatever else is in the batch, and a batch of one row is
normalized to beta. The moving statistics exist precisely for inference.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def batchnorm_forward(
    x, gamma, beta, moving_mean, moving_variance, training, momentum=0.99, epsilon=1e-3
):
    x = np.asarray(x, dtype=float)
    gamma, beta = np.asarray(gamma, dtype=float), np.asarray(beta, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"x must be a 2-D array (batch, features), got shape {x.shape}")
    if gamma.shape != (x.shape[1],):
        raise ValueError(f"gamma has shape {gamma.shape} but x has {x.shape[1]} features")
    mean, variance = x.mean(axis=0), x.var(axis=0)
    moving_mean = np.asarray(moving_mean, dtype=float)
    moving_variance = np.asarray(moving_variance, dtype=float)
    if training:
        moving_mean = momentum * moving_mean + (1 - momentum) * mean
        moving_variance = momentum * moving_variance + (1 - momentum) * variance
    out = gamma * (x - mean) / np.sqrt(variance + epsilon) + beta
    return out, moving_mean.copy(), moving_variance.copy()


inherit_reference(globals(), "18_batchnorm_dropout")
