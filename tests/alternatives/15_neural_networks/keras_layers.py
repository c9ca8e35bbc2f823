"""Leans on Keras and scipy: Dense layers without activation followed by separate keras.layers.ReLU
and Softmax layers, scipy.special's expit and softmax, a scikit-learn Pipeline-free scaler, and
Keras' SparseCategoricalCrossentropy object for training.
"""

import keras
import numpy as np
from scipy import special
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

LAYER_SIZES = (64, 128, 64, 10)


def _widths(layer_sizes):
    widths = list(layer_sizes)
    if len(widths) < 2:
        raise ValueError(f"layer_sizes needs at least two widths (inputs and outputs), got {widths}")
    for width in widths:
        if isinstance(width, bool) or not isinstance(width, (int, np.integer)) or width <= 0:
            raise ValueError(f"layer sizes must be positive integers, got {widths}")
    return [int(w) for w in widths]


def prepare_digits(test_size=0.3, random_state=42):
    digits = load_digits()
    X_train, X_test, y_train, y_test = train_test_split(
        digits.data, digits.target, test_size=test_size, random_state=random_state
    )
    scaler = StandardScaler()
    X_train = scaler.fit_transform(X_train).astype("float32")
    return X_train, scaler.transform(X_test).astype("float32"), y_train, y_test


def count_params(layer_sizes):
    widths = np.array(_widths(layer_sizes))
    return int(np.dot(widths[:-1] + 1, widths[1:]))


def build_mlp(layer_sizes=LAYER_SIZES, dropout=0.2, seed=None):
    widths = _widths(layer_sizes)
    if not (0 <= dropout < 1):
        raise ValueError(f"dropout must be in [0, 1), got {dropout}")
    if seed is not None:
        keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input(shape=(widths[0],))])
    for width in widths[1:-1]:
        model.add(keras.layers.Dense(width))
        model.add(keras.layers.ReLU())
        model.add(keras.layers.Dropout(rate=dropout))
    model.add(keras.layers.Dense(widths[-1]))
    model.add(keras.layers.Softmax())
    return model


def relu(x):
    return np.clip(np.asarray(x, dtype=float), 0.0, None)


def sigmoid(x):
    return special.expit(np.asarray(x, dtype=float))


def tanh(x):
    return np.tanh(np.asarray(x, dtype=float))


def softmax(z):
    return special.softmax(np.asarray(z, dtype=float), axis=-1)


def softmax_cross_entropy_grad(logits, labels):
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    if z.ndim != 2 or y.ndim != 1 or len(y) != len(z):
        raise ValueError(f"shapes {z.shape} and {y.shape} do not match")
    if y.dtype.kind not in "iu" or np.any((y < 0) | (y >= z.shape[1])):
        raise ValueError(f"labels must be integer class indices in [0, {z.shape[1]})")
    return (special.softmax(z, axis=1) - np.eye(z.shape[1])[y]) / len(y)


def relu_grad(x):
    return np.heaviside(np.asarray(x, dtype=float), 0.0)


def sigmoid_grad(x):
    s = special.expit(np.asarray(x, dtype=float))
    return s - s * s


def tanh_grad(x):
    return 1.0 / np.cosh(np.clip(np.asarray(x, dtype=float), -350, 350)) ** 2


def forward_pass(weights, X):
    if len(weights) % 2 or not weights:
        raise ValueError(f"weights must be kernel, bias pairs; got {len(weights)} arrays")
    h = np.asarray(X, dtype=float)
    if h.ndim != 2 or h.shape[1] != np.shape(weights[0])[0]:
        raise ValueError(
            f"X has {h.shape[-1]} features but the first kernel expects {np.shape(weights[0])[0]}"
        )
    pairs = list(zip(weights[0::2], weights[1::2]))
    for kernel, bias in pairs[:-1]:
        h = relu(h @ np.asarray(kernel, dtype=float) + np.asarray(bias, dtype=float))
    kernel, bias = pairs[-1]
    return softmax(h @ np.asarray(kernel, dtype=float) + np.asarray(bias, dtype=float))


def train_mlp(X_train, y_train, *, epochs=4, batch_size=64, learning_rate=5e-3, seed=0):
    model = build_mlp(seed=seed)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss=keras.losses.SparseCategoricalCrossentropy(),
    )
    history = model.fit(
        np.asarray(X_train, dtype="float32"),
        np.asarray(y_train),
        batch_size=batch_size,
        epochs=epochs,
        shuffle=True,
        verbose=0,
    )
    return model, list(map(float, history.history["loss"]))
