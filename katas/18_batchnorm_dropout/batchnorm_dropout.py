"""Batch normalization and dropout: both from scratch in numpy, the Keras layers they mirror, and
the switch between training and inference that decides what each of them does."""

from __future__ import annotations

import keras
import numpy as np


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
    # TODO: implement dropout_forward; test_batchnorm_dropout.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement batchnorm_forward; test_batchnorm_dropout.py says what it must do.
    raise NotImplementedError


def batchnorm_parameter_counts(n_features: int) -> dict:
    """How many parameters a BatchNormalization layer over ``n_features`` features holds.

    Returns
    -------
    dict
        ``{"trainable": ..., "non_trainable": ...}``: gamma and beta are learned by gradient
        descent; the moving mean and variance are updated by the layer itself, not by the optimizer.
    """
    # TODO: implement batchnorm_parameter_counts; test_batchnorm_dropout.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement build_regularized_mlp; test_batchnorm_dropout.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement without_dropout; test_batchnorm_dropout.py says what it must do.
    raise NotImplementedError
