"""Neural-network anatomy: the seed's Keras MLP on the digits, and the same arithmetic from scratch
in numpy (parameter count, activations and their gradients, softmax, the forward pass)."""

from __future__ import annotations

import keras
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

LAYER_SIZES = (64, 128, 64, 10)


def _check_layer_sizes(layer_sizes) -> tuple[int, ...]:
    sizes = tuple(layer_sizes)
    if len(sizes) < 2:
        raise ValueError(
            f"layer_sizes needs at least two widths (inputs and outputs), got {list(sizes)}"
        )
    if not all(isinstance(s, int | np.integer) and s > 0 for s in sizes):
        raise ValueError(f"layer sizes must be positive integers, got {list(sizes)}")
    return tuple(int(s) for s in sizes)


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
    X, y = load_digits(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test_size, random_state=random_state
    )
    scaler = StandardScaler().fit(X_train)
    return (
        scaler.transform(X_train).astype(np.float32),
        scaler.transform(X_test).astype(np.float32),
        y_train,
        y_test,
    )


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
    sizes = _check_layer_sizes(layer_sizes)
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))


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
    sizes = _check_layer_sizes(layer_sizes)
    if not 0 <= dropout < 1:
        raise ValueError(f"dropout must be in [0, 1), got {dropout}")
    if seed is not None:
        keras.utils.set_random_seed(seed)
    layers: list = [keras.Input(shape=(sizes[0],))]
    for width in sizes[1:-1]:
        layers += [keras.layers.Dense(width, activation="relu"), keras.layers.Dropout(dropout)]
    layers.append(keras.layers.Dense(sizes[-1], activation="softmax"))
    return keras.Sequential(layers)


def relu(x) -> np.ndarray:
    """max(0, x), elementwise."""
    return np.maximum(np.asarray(x, dtype=float), 0.0)


def sigmoid(x) -> np.ndarray:
    """1 / (1 + exp(-x)), elementwise, without overflow for large |x|."""
    x = np.asarray(x, dtype=float)
    small = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + small), small / (1.0 + small))


def tanh(x) -> np.ndarray:
    """(exp(x) - exp(-x)) / (exp(x) + exp(-x)), elementwise, without overflow for large |x|."""
    x = np.asarray(x, dtype=float)
    small = np.exp(-2.0 * np.abs(x))
    return np.sign(x) * (1.0 - small) / (1.0 + small)


def softmax(z) -> np.ndarray:
    """Softmax over the last axis: non-negative rows that sum to 1, finite even for huge logits."""
    z = np.asarray(z, dtype=float)
    shifted = np.exp(z - z.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


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
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    if z.ndim != 2 or y.shape != (z.shape[0],):
        raise ValueError(
            f"logits must be (n_samples, n_classes) and labels (n_samples,); got {z.shape} and "
            f"{y.shape}"
        )
    if not np.issubdtype(y.dtype, np.integer) or y.min() < 0 or y.max() >= z.shape[1]:
        raise ValueError(f"labels must be integer class indices in [0, {z.shape[1]})")
    gradient = softmax(z)
    gradient[np.arange(len(y)), y] -= 1.0
    return gradient / len(y)


def relu_grad(x) -> np.ndarray:
    """d relu / dx: 1 where x > 0, else 0 (0 at x = 0, as TensorFlow takes it)."""
    return (np.asarray(x, dtype=float) > 0).astype(float)


def sigmoid_grad(x) -> np.ndarray:
    """d sigmoid / dx = sigmoid(x) * (1 - sigmoid(x)), evaluated at the input x."""
    s = sigmoid(x)
    return s * (1.0 - s)


def tanh_grad(x) -> np.ndarray:
    """d tanh / dx = 1 - tanh(x)**2, evaluated at the input x."""
    return 1.0 - tanh(x) ** 2


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
    if len(weights) < 2 or len(weights) % 2:
        raise ValueError(
            f"weights must be kernel, bias pairs as model.get_weights() gives; got {len(weights)} arrays"
        )
    h = np.asarray(X, dtype=float)
    if h.ndim != 2 or h.shape[1] != np.shape(weights[0])[0]:
        raise ValueError(
            f"X has {h.shape[-1]} features but the first kernel expects {np.shape(weights[0])[0]}"
        )
    n_layers = len(weights) // 2
    for i in range(n_layers):
        kernel, bias = (np.asarray(w, dtype=float) for w in weights[2 * i : 2 * i + 2])
        h = h @ kernel + bias
        h = softmax(h) if i == n_layers - 1 else relu(h)
    return h


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
    model = build_mlp(seed=seed)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate),
        loss="sparse_categorical_crossentropy",
    )
    history = model.fit(
        np.asarray(X_train, dtype=np.float32),
        np.asarray(y_train),
        epochs=epochs,
        batch_size=batch_size,
        verbose=0,
    )
    return model, [float(loss) for loss in history.history["loss"]]
