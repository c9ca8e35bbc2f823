"""Mistake: batchnorm_forward updates the moving mean and variance arrays it was given in place (moving *= momentum; moving += ...), so the caller's arrays change under it."""

import numpy as np

from kata_harness.implementation import inherit_reference


def batchnorm_forward(x, gamma, beta, moving_mean, moving_variance, training, momentum=0.99, epsilon=1e-3):
    x = np.asarray(x, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"x must be a 2-D array (batch, features), got shape {x.shape}")
    for name, value in (("gamma", gamma), ("beta", beta), ("moving_mean", moving_mean), ("moving_variance", moving_variance)):
        if np.shape(value) != (x.shape[1],):
            raise ValueError(f"{name} has shape {np.shape(value)} but x has {x.shape[1]} features; it must have shape ({x.shape[1]},)")
    if not 0 <= momentum <= 1:
        raise ValueError(f"momentum must be in [0, 1], got {momentum}")
    if training:
        mean, variance = x.mean(axis=0), x.var(axis=0)
        moving_mean *= momentum
        moving_mean += (1 - momentum) * mean
        moving_variance *= momentum
        moving_variance += (1 - momentum) * variance
    else:
        mean, variance = moving_mean, moving_variance
    out = gamma * (x - mean) / np.sqrt(variance + epsilon) + beta
    return out, moving_mean, moving_variance


inherit_reference(globals(), "18_batchnorm_dropout")
