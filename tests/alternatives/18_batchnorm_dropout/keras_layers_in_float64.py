"""Leans on Keras: dropout_forward and batchnorm_forward call keras.layers.Dropout and keras.layers.BatchNormalization in float64, the network uses ReLU layers and a separate Softmax layer, and without_dropout builds a Sequential from the kept layers without an Input.

The Dropout layer's seed is drawn from the generator the caller passes, so the mask still comes
from that generator.
"""

from __future__ import annotations

import keras
import numpy as np


def _rate_ok(rate):
    if rate < 0 or rate >= 1:
        raise ValueError(f"rate must be in [0, 1), got {rate}")


def dropout_forward(x, rate, training, rng=None):
    """keras.layers.Dropout(rate, seed=<from rng>, dtype='float64')."""
    _rate_ok(rate)
    x = np.asarray(x, dtype=np.float64)
    if not training or rate == 0:
        return x.copy()
    seed = int(np.random.default_rng(rng).integers(2**31 - 1))
    layer = keras.layers.Dropout(rate, seed=seed, dtype="float64")
    return np.asarray(layer(x, training=True), dtype=np.float64)


def batchnorm_forward(
    x, gamma, beta, moving_mean, moving_variance, training, momentum=0.99, epsilon=1e-3
):
    """A float64 keras.layers.BatchNormalization holding the given weights."""
    x = np.asarray(x)
    if x.ndim != 2:
        raise ValueError(f"x must be a 2-D array (batch, features), got shape {x.shape}")
    d = x.shape[1]
    weights = [np.array(w, dtype=np.float64) for w in (gamma, beta, moving_mean, moving_variance)]
    for name, w in zip(("gamma", "beta", "moving_mean", "moving_variance"), weights):
        if w.shape != (d,):
            raise ValueError(
                f"{name} has shape {w.shape} but x has {d} features; it must have shape ({d},)"
            )
    if not 0 <= momentum <= 1:
        raise ValueError(f"momentum must be in [0, 1], got {momentum}")
    layer = keras.layers.BatchNormalization(momentum=momentum, epsilon=epsilon, dtype="float64")
    layer.build((None, d))
    layer.set_weights(weights)
    out = np.asarray(layer(x.astype(np.float64), training=bool(training)), dtype=np.float64)
    return (
        out,
        np.array(layer.moving_mean, dtype=np.float64),
        np.array(layer.moving_variance, dtype=np.float64),
    )


def batchnorm_parameter_counts(n_features):
    """Counted on a built Keras layer."""
    if n_features < 1:
        raise ValueError(f"n_features must be at least 1, got {n_features}")
    layer = keras.layers.BatchNormalization()
    layer.build((None, n_features))
    return {
        "trainable": int(sum(np.prod(w.shape) for w in layer.trainable_weights)),
        "non_trainable": int(sum(np.prod(w.shape) for w in layer.non_trainable_weights)),
    }


def build_regularized_mlp(n_features, n_classes, hidden_units=(32, 16), dropout_rate=0.3, seed=0):
    """ReLU layers, and the softmax as its own layer after the output Dense."""
    _rate_ok(dropout_rate)
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input(shape=(n_features,))])
    for width in hidden_units:
        model.add(keras.layers.Dense(width, use_bias=False))
        model.add(keras.layers.BatchNormalization())
        model.add(keras.layers.ReLU())
        model.add(keras.layers.Dropout(dropout_rate))
    model.add(keras.layers.Dense(n_classes))
    model.add(keras.layers.Softmax())
    return model


def without_dropout(model):
    """keras.Sequential(kept layers), built for the model's input shape."""
    kept = [layer for layer in model.layers if not isinstance(layer, keras.layers.Dropout)]
    stripped = keras.Sequential(kept)
    stripped.build(model.input_shape)
    return stripped
