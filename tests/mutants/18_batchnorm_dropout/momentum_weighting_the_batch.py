"""Mistake: the moving statistics updated as (1 - momentum) * moving + momentum * batch.

That is PyTorch's convention, where momentum=0.1 is the weight of the new batch. With Keras'
momentum=0.99 it throws away almost all the history, so the "moving" statistics are little more
than the last batch's.
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
    moving_mean = np.asarray(moving_mean, dtype=float).copy()
    moving_variance = np.asarray(moving_variance, dtype=float).copy()
    if training:
        mean, variance = x.mean(axis=0), x.var(axis=0)
        moving_mean = (1 - momentum) * moving_mean + momentum * mean
        moving_variance = (1 - momentum) * moving_variance + momentum * variance
    else:
        mean, variance = moving_mean, moving_variance
    out = gamma * (x - mean) / np.sqrt(variance + epsilon) + beta
    return out, moving_mean, moving_variance


inherit_reference(globals(), "18_batchnorm_dropout")
