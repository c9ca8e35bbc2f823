"""From scratch, other conventions: the dropout mask is a binomial keep-draw multiplied by 1/(1 - rate), batch norm standardizes first and applies gamma and beta after (also at inference, no folded affine map), Dense layers carry the ReLU-free kernels and Activation layers come from keras.activations.

Another random stream: keep = rng.binomial(1, 1 - rate, shape), not rng.random(shape) >= rate.
"""

from __future__ import annotations

import keras
import numpy as np


def dropout_forward(x, rate, training, rng=None):
    """Binomial keep-mask times the inverse keep probability."""
    if not 0.0 <= rate < 1.0:
        raise ValueError(f"rate must be in [0, 1), got {rate}")
    x = np.array(x, dtype=float)
    if not training:
        return x
    generator = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    keep = generator.binomial(1, 1.0 - rate, size=x.shape)
    return x * keep * (1.0 / (1.0 - rate))


def batchnorm_forward(
    x, gamma, beta, moving_mean, moving_variance, training, momentum=0.99, epsilon=1e-3
):
    """Standardize, then scale and shift; np.var for the batch variance."""
    x = np.asarray(x)
    dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.float64
    x = x.astype(dtype)
    if x.ndim != 2:
        raise ValueError(f"x must be a 2-D array (batch, features), got shape {x.shape}")
    features = x.shape[1]
    named = dict(gamma=gamma, beta=beta, moving_mean=moving_mean, moving_variance=moving_variance)
    arrays = {}
    for name, value in named.items():
        arrays[name] = np.array(value, dtype=np.float64)
        if arrays[name].shape != (features,):
            raise ValueError(
                f"{name} has shape {arrays[name].shape} but x has {features} features; "
                f"it must have shape ({features},)"
            )
    if momentum < 0 or momentum > 1:
        raise ValueError(f"momentum must be in [0, 1], got {momentum}")
    if training:
        mean = x.astype(np.float64).mean(axis=0)
        variance = x.astype(np.float64).var(axis=0)
        new_mean = arrays["moving_mean"] + (1 - momentum) * (mean - arrays["moving_mean"])
        new_variance = arrays["moving_variance"] + (1 - momentum) * (
            variance - arrays["moving_variance"]
        )
    else:
        mean, variance = arrays["moving_mean"], arrays["moving_variance"]
        new_mean, new_variance = mean.copy(), variance.copy()
    standardized = (x - mean.astype(dtype)) / np.sqrt(variance + epsilon).astype(dtype)
    out = arrays["gamma"].astype(dtype) * standardized + arrays["beta"].astype(dtype)
    return out, new_mean, new_variance


def batchnorm_parameter_counts(n_features):
    """gamma and beta train; the moving mean and variance do not."""
    if n_features < 1:
        raise ValueError(f"n_features must be at least 1, got {n_features}")
    return {"trainable": n_features * 2, "non_trainable": n_features * 2}


def build_regularized_mlp(n_features, n_classes, hidden_units=(32, 16), dropout_rate=0.3, seed=0):
    """Sequential.add, Activation(keras.activations.relu)."""
    if not 0.0 <= dropout_rate < 1.0:
        raise ValueError(f"rate must be in [0, 1), got {dropout_rate}")
    keras.utils.set_random_seed(seed)
    model = keras.Sequential()
    model.add(keras.Input(shape=(n_features,)))
    for width in hidden_units:
        model.add(keras.layers.Dense(width, use_bias=False, activation=None))
        model.add(keras.layers.BatchNormalization(momentum=0.99, epsilon=1e-3))
        model.add(keras.layers.Activation(keras.activations.relu))
        model.add(keras.layers.Dropout(rate=dropout_rate))
    model.add(keras.layers.Dense(n_classes, activation=keras.activations.softmax))
    return model


def without_dropout(model):
    """Sequential.add of every non-Dropout layer after a fresh Input."""
    stripped = keras.Sequential()
    stripped.add(keras.Input(shape=model.input_shape[1:]))
    for layer in model.layers:
        if not isinstance(layer, keras.layers.Dropout):
            stripped.add(layer)
    return stripped
