"""Batch normalization and dropout: both from scratch in numpy, the Keras layers they mirror, and
the switch between training and inference that decides what each of them does."""

from __future__ import annotations

import keras
import numpy as np


def _check_rate(rate: float) -> None:
    if not 0 <= rate < 1:
        raise ValueError(f"rate must be in [0, 1), got {rate}")


def dropout_forward(x, rate: float, training: bool, rng=None) -> np.ndarray:
    """Inverted dropout: in training, zero each entry with probability ``rate`` and scale the rest.

    Parameters
    ----------
    x : array
    rate : float in [0, 1)
        The probability that an entry is dropped (Keras' meaning, not the keep probability).
    training : bool
        False (inference) returns ``x`` unchanged.
    rng : numpy Generator or int, optional
        The source of the random mask. None draws fresh entropy, so that two calls without it
        drop different entries.

    Returns
    -------
    array of the shape of ``x``
        In training, each entry is 0 with probability ``rate`` and ``x / (1 - rate)`` otherwise,
        so the expected value of every entry is unchanged.

    Raises
    ------
    ValueError
        If rate is outside [0, 1).
    """
    _check_rate(rate)
    x = np.asarray(x, dtype=float)
    if not training or rate == 0:
        return x.copy()
    keep = np.random.default_rng(rng).random(x.shape) >= rate
    return np.where(keep, x / (1 - rate), 0.0)


def batchnorm_forward(
    x,
    gamma,
    beta,
    moving_mean,
    moving_variance,
    training: bool,
    momentum: float = 0.99,
    epsilon: float = 1e-3,
):
    """Batch normalization of a (batch, features) array, as `keras.layers.BatchNormalization` does it.

    In training, each feature is normalised with the batch's mean and (biased) variance, and the
    moving statistics move towards them: ``moving = momentum * moving + (1 - momentum) * batch``.
    At inference the moving statistics are used and left as they are, so every row is normalised
    on its own. Either way the output is ``gamma * (x - mean) / sqrt(variance + epsilon) + beta``.

    Parameters
    ----------
    x : array of shape (batch, features)
    gamma, beta : arrays of shape (features,)
        The learned scale and shift.
    moving_mean, moving_variance : arrays of shape (features,)
        The running statistics used at inference.
    training : bool
    momentum : float in [0, 1]
        Keras' convention: the weight kept by the old moving statistics (0.99 by default).
    epsilon : float
        Added to the variance; Keras' default is 1e-3.

    Returns
    -------
    out : array of shape (batch, features)
    moving_mean, moving_variance : arrays of shape (features,)
        Updated in training, unchanged copies at inference; the inputs are not modified.

    Raises
    ------
    ValueError
        If x is not 2-D, a parameter's shape does not match the features, or momentum is outside
        [0, 1].
    """
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(float)
    if x.ndim != 2:
        raise ValueError(f"x must be a 2-D array (batch, features), got shape {x.shape}")
    params = {
        "gamma": gamma,
        "beta": beta,
        "moving_mean": moving_mean,
        "moving_variance": moving_variance,
    }
    params = {name: np.asarray(value, dtype=float) for name, value in params.items()}
    for name, value in params.items():
        if value.shape != (x.shape[1],):
            raise ValueError(
                f"{name} has shape {value.shape} but x has {x.shape[1]} features; "
                f"it must have shape ({x.shape[1]},)"
            )
    if not 0 <= momentum <= 1:
        raise ValueError(f"momentum must be in [0, 1], got {momentum}")
    new_mean, new_variance = params["moving_mean"].copy(), params["moving_variance"].copy()
    if training:
        mean = x.mean(axis=0)
        centred = x - mean
        variance = np.einsum("ij,ij->j", centred, centred) / len(x)
        new_mean = momentum * new_mean + (1 - momentum) * mean
        new_variance = momentum * new_variance + (1 - momentum) * variance
        # Per-feature vectors in float64; the (batch, features) work stays in x's precision,
        # so float32 activations are processed as float32, as Keras does.
        scale = (params["gamma"] / np.sqrt(variance + epsilon)).astype(x.dtype)
        return centred * scale + params["beta"].astype(x.dtype), new_mean, new_variance
    # At inference the whole transform is one affine map per feature.
    scale = params["gamma"] / np.sqrt(new_variance + epsilon)
    shift = params["beta"] - new_mean * scale
    return x * scale.astype(x.dtype) + shift.astype(x.dtype), new_mean, new_variance


def batchnorm_parameter_counts(n_features: int) -> dict:
    """How many parameters a BatchNormalization layer over ``n_features`` features holds.

    Returns
    -------
    dict
        ``{"trainable": ..., "non_trainable": ...}``: gamma and beta are learned by gradient
        descent; the moving mean and variance are updated by the layer itself, not by the optimizer.
    """
    if n_features < 1:
        raise ValueError(f"n_features must be at least 1, got {n_features}")
    return {"trainable": 2 * n_features, "non_trainable": 2 * n_features}


def build_regularized_mlp(
    n_features: int,
    n_classes: int,
    hidden_units: tuple[int, ...] = (32, 16),
    dropout_rate: float = 0.3,
    seed: int = 0,
) -> keras.Sequential:
    """A small classifier whose hidden blocks are Dense -> BatchNormalization -> ReLU -> Dropout.

    The Dense layers before a BatchNormalization carry no bias, since beta takes its place. The
    output layer is a Dense softmax over ``n_classes``. The model is not compiled.

    Parameters
    ----------
    n_features, n_classes : int
    hidden_units : tuple of int
        The width of each hidden block.
    dropout_rate : float in [0, 1)
        The rate of every Dropout layer.
    seed : int
        Passed to `keras.utils.set_random_seed` before any layer is made, so the initial weights
        and the dropout masks repeat.

    Returns
    -------
    keras.Sequential
        Built for inputs of shape (batch, n_features).
    """
    _check_rate(dropout_rate)
    keras.utils.set_random_seed(seed)
    layers = [keras.Input(shape=(n_features,))]
    for units in hidden_units:
        layers += [
            keras.layers.Dense(units, use_bias=False),
            keras.layers.BatchNormalization(),
            keras.layers.Activation("relu"),
            keras.layers.Dropout(dropout_rate),
        ]
    layers.append(keras.layers.Dense(n_classes, activation="softmax"))
    return keras.Sequential(layers)


def without_dropout(model: keras.Sequential) -> keras.Sequential:
    """The same network with its Dropout layers left out, sharing every other layer and its weights.

    At inference it computes exactly what ``model`` computes, because Dropout is the identity there.

    Parameters
    ----------
    model : keras.Sequential
        A built model, such as the one `build_regularized_mlp` returns.

    Returns
    -------
    keras.Sequential
        Holds the very layer objects of ``model`` (not copies) except the Dropout layers.
    """
    kept = [layer for layer in model.layers if not isinstance(layer, keras.layers.Dropout)]
    return keras.Sequential([keras.Input(shape=model.input_shape[1:]), *kept])
