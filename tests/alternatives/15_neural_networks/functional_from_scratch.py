"""From scratch: the Keras functional API with Activation layers, numpy activations written as
logaddexp / logsumexp identities, a scaler computed by hand (mean and population standard
deviation of the training rows), and a forward pass folded with einsum.
"""

import keras
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

LAYER_SIZES = (64, 128, 64, 10)


def _sizes(layer_sizes):
    sizes = list(layer_sizes)
    if len(sizes) < 2:
        raise ValueError(f"layer_sizes needs at least two widths (inputs and outputs), got {sizes}")
    if any(not isinstance(n, (int, np.integer)) or n < 1 for n in sizes):
        raise ValueError(f"every width must be a positive integer, got {sizes}")
    return [int(n) for n in sizes]


def prepare_digits(test_size=0.3, random_state=42):
    X, y = load_digits(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test_size, random_state=random_state
    )
    centre = X_train.mean(axis=0)
    spread = X_train.std(axis=0)
    spread[spread == 0] = 1.0  # constant pixels stay 0, as StandardScaler leaves them
    return (
        ((X_train - centre) / spread).astype(np.float32),
        ((X_test - centre) / spread).astype(np.float32),
        y_train.astype(np.int64),
        y_test.astype(np.int64),
    )


def count_params(layer_sizes):
    sizes = _sizes(layer_sizes)
    total = 0
    for n_in, n_out in zip(sizes, sizes[1:]):
        total += (n_in + 1) * n_out
    return total


def build_mlp(layer_sizes=LAYER_SIZES, dropout=0.2, seed=None):
    sizes = _sizes(layer_sizes)
    if dropout < 0 or dropout >= 1:
        raise ValueError(f"dropout must be in [0, 1), got {dropout}")
    if seed is not None:
        keras.utils.set_random_seed(seed)
    inputs = keras.Input(shape=(sizes[0],))
    h = inputs
    for width in sizes[1:-1]:
        h = keras.layers.Activation("relu")(keras.layers.Dense(width)(h))
        h = keras.layers.Dropout(dropout)(h)
    outputs = keras.layers.Activation("softmax")(keras.layers.Dense(sizes[-1])(h))
    return keras.Model(inputs, outputs)


def relu(x):
    x = np.asarray(x, dtype=float)
    return (x + np.abs(x)) / 2


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    return np.exp(-np.logaddexp(0.0, -x))


def tanh(x):
    x = np.asarray(x, dtype=float)
    return 2.0 * sigmoid(2.0 * x) - 1.0


def softmax(z):
    z = np.asarray(z, dtype=float)
    top = z.max(axis=-1, keepdims=True)
    log_norm = top + np.log(np.exp(z - top).sum(axis=-1, keepdims=True))
    return np.exp(z - log_norm)


def softmax_cross_entropy_grad(logits, labels):
    z = np.asarray(logits, dtype=float)
    y = np.asarray(labels)
    if z.ndim != 2 or y.shape != z.shape[:1]:
        raise ValueError(f"logits {z.shape} and labels {y.shape} do not fit together")
    classes = z.shape[1]
    if not np.issubdtype(y.dtype, np.integer) or ((y < 0) | (y >= classes)).any():
        raise ValueError(f"labels must be integer class indices in [0, {classes})")
    one_hot = (y[:, None] == np.arange(classes)).astype(float)
    return (softmax(z) - one_hot) / z.shape[0]


def relu_grad(x):
    return np.where(np.asarray(x, dtype=float) > 0, 1.0, 0.0)


def sigmoid_grad(x):
    x = np.asarray(x, dtype=float)
    # s (1 - s) = sigmoid(x) * sigmoid(-x)
    return sigmoid(x) * sigmoid(-x)


def tanh_grad(x):
    t = tanh(x)
    return (1.0 - t) * (1.0 + t)


def forward_pass(weights, X):
    arrays = [np.asarray(w, dtype=float) for w in weights]
    if len(arrays) < 2 or len(arrays) % 2 == 1:
        raise ValueError(f"weights must be kernel, bias pairs; got {len(arrays)} arrays")
    h = np.asarray(X, dtype=float)
    if h.ndim != 2 or h.shape[1] != arrays[0].shape[0]:
        raise ValueError(f"X has {h.shape[-1]} features but the first kernel expects {arrays[0].shape[0]}")
    last = len(arrays) // 2 - 1
    for layer in range(last + 1):
        h = np.einsum("ij,jk->ik", h, arrays[2 * layer]) + arrays[2 * layer + 1]
        h = softmax(h) if layer == last else relu(h)
    return h


def train_mlp(X_train, y_train, *, epochs=4, batch_size=64, learning_rate=5e-3, seed=0):
    keras.utils.set_random_seed(seed)
    model = build_mlp(LAYER_SIZES, 0.2)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate), loss="sparse_categorical_crossentropy"
    )
    losses = []
    history = model.fit(
        np.asarray(X_train, np.float32), np.asarray(y_train), epochs=epochs,
        batch_size=batch_size, verbose=0,
    )
    losses.extend(float(v) for v in history.history["loss"])
    return model, losses
