"""Mistake: batchnorm_forward hard-codes Keras' default epsilon, 1e-3, and ignores the epsilon it is given."""

import numpy as np

from kata_harness.implementation import inherit_reference


def batchnorm_forward(x, gamma, beta, moving_mean, moving_variance, training, momentum=0.99, epsilon=1e-3):
    x = np.asarray(x)
    if x.ndim != 2:
        raise ValueError(f"x must be a 2-D array (batch, features), got shape {x.shape}")
    for name, value in (("gamma", gamma), ("beta", beta), ("moving_mean", moving_mean), ("moving_variance", moving_variance)):
        if np.shape(value) != (x.shape[1],):
            raise ValueError(f"{name} has shape {np.shape(value)} but x has {x.shape[1]} features; it must have shape ({x.shape[1]},)")
    if not 0 <= momentum <= 1:
        raise ValueError(f"momentum must be in [0, 1], got {momentum}")
    moving_mean = np.array(moving_mean, dtype=float)
    moving_variance = np.array(moving_variance, dtype=float)
    if training:
        mean, variance = x.mean(axis=0), x.var(axis=0)
        new_mean = momentum * moving_mean + (1 - momentum) * mean
        new_variance = momentum * moving_variance + (1 - momentum) * variance
    else:
        mean, variance = moving_mean, moving_variance
        new_mean, new_variance = moving_mean, moving_variance
    out = np.asarray(gamma) * (x - mean) / np.sqrt(variance + 1e-3) + np.asarray(beta)
    return out.astype(x.dtype if np.issubdtype(x.dtype, np.floating) else float), new_mean, new_variance


inherit_reference(globals(), "18_batchnorm_dropout")
