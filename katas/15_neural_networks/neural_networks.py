"""Neural-network anatomy: the seed's Keras MLP on the digits, and the same arithmetic from scratch
in numpy (parameter count, activations and their gradients, softmax, the forward pass)."""

from __future__ import annotations

import keras
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

LAYER_SIZES = (64, 128, 64, 10)


def prepare_digits(test_size: float = 0.3, random_state=42):
    """Split the 8x8 digits and standardize them with statistics of the training rows only.

    Parameters
    ----------
    test_size : float
        Fraction of rows held out for testing (the seed uses 0.3).
    random_state : int or None
        Seed of the split (the seed uses 42).

    Returns
    -------
    X_train, X_test, y_train, y_test
        X as float32 arrays, standardized by a scaler fitted on ``X_train`` alone; y as arrays of
        integer labels 0..9 (an integer dtype).
    """
    # TODO: implement prepare_digits; test_neural_networks.py says what it must do.
    raise NotImplementedError


def count_params(layer_sizes) -> int:
    """Count the weights and biases of a stack of Dense layers, from the widths alone.

    Parameters
    ----------
    layer_sizes : sequence of int
        Widths from the input to the output, e.g. ``(64, 128, 64, 10)``.

    Raises
    ------
    ValueError
        If fewer than two widths are given or a width is not a positive integer.
    """
    # TODO: implement count_params; test_neural_networks.py says what it must do.
    raise NotImplementedError


def build_mlp(layer_sizes=LAYER_SIZES, dropout: float = 0.2, seed=None) -> keras.Sequential:
    """Build the seed's network: Dense + ReLU + Dropout for each hidden width, then Dense + softmax.

    What counts is the network, not how it is spelt: an activation may sit inside its Dense layer
    or follow as a layer of its own, but each hidden width gets exactly one Dropout layer (after
    its Dense layer) and nothing else holds weights. The same ``seed`` gives the same initial
    weights, in this process or a fresh one.

    Parameters
    ----------
    layer_sizes : sequence of int
        Input width, hidden widths, number of classes.
    dropout : float
        Rate of the Dropout layer after every hidden layer, in [0, 1).
    seed : int or None
        If given, passed to ``keras.utils.set_random_seed`` before the weights are drawn.

    Returns
    -------
    keras.Sequential
        Built (its weights exist) but not compiled.

    Raises
    ------
    ValueError
        If ``dropout`` is outside [0, 1) or the widths are invalid.
    """
    # TODO: implement build_mlp; test_neural_networks.py says what it must do.
    raise NotImplementedError


def relu(x) -> np.ndarray:
    """max(0, x), elementwise."""
    # TODO: implement relu; test_neural_networks.py says what it must do.
    raise NotImplementedError


def sigmoid(x) -> np.ndarray:
    """1 / (1 + exp(-x)), elementwise, without overflow for large |x|."""
    # TODO: implement sigmoid; test_neural_networks.py says what it must do.
    raise NotImplementedError


def tanh(x) -> np.ndarray:
    """(exp(x) - exp(-x)) / (exp(x) + exp(-x)), elementwise, without overflow for large |x|."""
    # TODO: implement tanh; test_neural_networks.py says what it must do.
    raise NotImplementedError


def softmax(z) -> np.ndarray:
    """Softmax over the last axis: non-negative rows that sum to 1, finite even for huge logits."""
    # TODO: implement softmax; test_neural_networks.py says what it must do.
    raise NotImplementedError


def softmax_cross_entropy_grad(logits, labels) -> np.ndarray:
    """Gradient of the mean cross-entropy of softmax(logits) with respect to the logits.

    For one row it is ``softmax(z) - one_hot(y)``: the predicted probabilities minus the target.
    The loss is averaged over the rows, so the gradient is divided by their number.

    Parameters
    ----------
    logits : array of shape (n_samples, n_classes)
    labels : array of n_samples integer class indices in [0, n_classes)

    Raises
    ------
    ValueError
        If the shapes disagree or a label is not a class index.
    """
    # TODO: implement softmax_cross_entropy_grad; test_neural_networks.py says what it must do.
    raise NotImplementedError


def relu_grad(x) -> np.ndarray:
    """d relu / dx: 1 where x > 0, else 0 (0 at x = 0, as TensorFlow takes it)."""
    # TODO: implement relu_grad; test_neural_networks.py says what it must do.
    raise NotImplementedError


def sigmoid_grad(x) -> np.ndarray:
    """d sigmoid / dx = sigmoid(x) * (1 - sigmoid(x)), evaluated at the input x."""
    # TODO: implement sigmoid_grad; test_neural_networks.py says what it must do.
    raise NotImplementedError


def tanh_grad(x) -> np.ndarray:
    """d tanh / dx = 1 - tanh(x)**2, evaluated at the input x."""
    # TODO: implement tanh_grad; test_neural_networks.py says what it must do.
    raise NotImplementedError


def forward_pass(weights, X) -> np.ndarray:
    """Class probabilities of the MLP computed in numpy from its weights, as at inference.

    Parameters
    ----------
    weights : list of arrays
        ``model.get_weights()`` of a `build_mlp` network: kernel, bias, kernel, bias, ...
        Hidden layers use ReLU, the last uses softmax; Dropout is the identity at inference.
    X : array of shape (n_samples, n_features)

    Raises
    ------
    ValueError
        If ``weights`` is not kernel/bias pairs or X's width differs from the first kernel's.
    """
    # TODO: implement forward_pass; test_neural_networks.py says what it must do.
    raise NotImplementedError


def train_mlp(
    X_train, y_train, *, epochs: int = 4, batch_size: int = 64, learning_rate=5e-3, seed=0
):
    """Build the seed's network with `build_mlp`, compile it and fit it, reproducibly.

    Parameters
    ----------
    X_train : array of shape (n_samples, 64)
    y_train : array of integer labels 0..9
    epochs, batch_size : int
        The training budget.
    learning_rate : float
        Step size of the Adam optimizer.
    seed : int
        Passed to ``keras.utils.set_random_seed`` so two calls give identical weights.

    Returns
    -------
    model, losses
        The fitted model (Adam, sparse categorical cross-entropy) and the training loss of
        every epoch, as a list of floats.
    """
    # TODO: implement train_mlp; test_neural_networks.py says what it must do.
    raise NotImplementedError
