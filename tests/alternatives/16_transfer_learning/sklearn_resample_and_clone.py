"""Leans on the libraries: sklearn's resample draws each class's rows, keras.models.clone_model makes the from-scratch twin, parameter counts come from keras.ops.size, and unfreezing slices base.layers[-n:].

The head is built explicitly (head.build) rather than by wiring it in, and the learning rate is
read with keras.ops.convert_to_numpy.
"""

from __future__ import annotations

import numbers

import keras
import numpy as np
from sklearn.utils import resample


def sample_per_class(y, n_per_class, random_state=None):
    """sklearn.utils.resample without replacement, one call per class, seeds from one Generator."""
    y = np.asarray(y)
    if n_per_class < 1:
        raise ValueError(f"n_per_class must be at least 1, got {n_per_class}")
    seeds = np.random.default_rng(random_state)
    chosen = []
    for label in np.unique(y):
        rows = np.where(y == label)[0]
        if rows.size < n_per_class:
            raise ValueError(
                f"class {label} has {rows.size} rows; cannot draw {n_per_class} per class"
            )
        chosen.extend(
            resample(
                rows,
                replace=False,
                n_samples=n_per_class,
                random_state=int(seeds.integers(2**31 - 1)),
            )
        )
    return np.array(sorted(chosen), dtype=np.intp)


def _compile(model, learning_rate):
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss=keras.losses.SparseCategoricalCrossentropy(),
    )


def _assemble(base, n_classes, learning_rate, seed):
    if isinstance(n_classes, bool) or not isinstance(n_classes, numbers.Integral) or n_classes < 2:
        raise ValueError(f"a softmax head needs n_classes >= 2 (an integer), not {n_classes!r}")
    if seed is not None:
        keras.utils.set_random_seed(seed)
    head = keras.layers.Dense(n_classes, activation="softmax")
    model = keras.Sequential([keras.Input(shape=tuple(base.input_shape[1:])), base, head])
    _compile(model, learning_rate)
    return model


def build_transfer_model(base, n_classes, *, learning_rate=1e-3, seed=None):
    """Freeze, then wire."""
    base.trainable = False
    return _assemble(base, n_classes, learning_rate, seed)


def build_from_scratch(base, n_classes, *, learning_rate=1e-3, seed=None):
    """clone_model, with every cloned layer made trainable."""
    if seed is not None:
        keras.utils.set_random_seed(seed)
    twin = keras.models.clone_model(base)
    twin.trainable = True
    for layer in twin.layers:
        layer.trainable = True
    return _assemble(twin, n_classes, learning_rate, None)


def parameter_counts(model):
    """keras.ops.size of every weight."""

    def total(weights):
        return int(sum(int(keras.ops.convert_to_numpy(keras.ops.size(w))) for w in weights))

    return {
        "trainable": total(model.trainable_weights),
        "non_trainable": total(model.non_trainable_weights),
    }


def unfreeze_top(model, n, *, learning_rate=1e-5):
    """base.layers[-n:] trainable except BatchNormalization; a new Adam."""
    base = model.layers[0]
    layers = base.layers
    if n < 1 or n > len(layers):
        raise ValueError(f"n={n} but the base has {len(layers)} layers; use 1 to {len(layers)}")
    current = float(keras.ops.convert_to_numpy(model.optimizer.learning_rate))
    # The optimizer stores float32; round the request the same way before comparing.
    if float(np.float32(learning_rate)) >= current:
        raise ValueError(
            f"learning_rate={learning_rate} is not below the first phase's {current:g}; "
            "fine-tuning needs a smaller step"
        )
    base.trainable = True
    for layer in layers:
        layer.trainable = False
    for layer in layers[-n:]:
        if not isinstance(layer, keras.layers.BatchNormalization):
            layer.trainable = True
    _compile(model, learning_rate)
    return model
