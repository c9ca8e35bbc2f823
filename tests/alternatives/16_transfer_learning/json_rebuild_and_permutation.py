"""From scratch, other routes: one permutation of all rows picks the first n of each class, the from-scratch twin is rebuilt from the base's JSON with fresh initializers, counts come from numpy sizes, and the learning rate is checked against the optimizer's config.

The head is the last layer added with Sequential.add after an explicit Input.
"""

from __future__ import annotations

import keras
import numpy as np


def sample_per_class(y, n_per_class, random_state=None):
    """Shuffle all indices once, then keep each class's first n_per_class in that order."""
    labels = np.asarray(y)
    if n_per_class < 1:
        raise ValueError(f"n_per_class must be at least 1, got {n_per_class}")
    classes, sizes = np.unique(labels, return_counts=True)
    for label, size in zip(classes, sizes):
        if size < n_per_class:
            raise ValueError(f"class {label} has {size} rows; cannot draw {n_per_class} per class")
    shuffled = np.random.default_rng(random_state).permutation(len(labels))
    taken = {label: 0 for label in classes.tolist()}
    picks = []
    for index in shuffled:
        label = labels[index].item()
        if taken[label] < n_per_class:
            taken[label] += 1
            picks.append(index)
    picks.sort()
    return np.asarray(picks)


def _model_with_head(base, n_classes, learning_rate, seed):
    if not isinstance(n_classes, (int, np.integer)) or n_classes < 2:
        raise ValueError(f"n_classes must be an integer >= 2, got {n_classes!r}")
    if seed is not None:
        keras.utils.set_random_seed(int(seed))
    model = keras.Sequential()
    model.add(keras.Input(shape=base.input_shape[1:]))
    model.add(base)
    model.add(keras.layers.Dense(int(n_classes), activation=keras.activations.softmax))
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate), loss="sparse_categorical_crossentropy"
    )
    return model


def build_transfer_model(base, n_classes, *, learning_rate=1e-3, seed=None):
    """Each layer frozen one by one, then the base flag."""
    for layer in base.layers:
        layer.trainable = False
    base.trainable = False
    return _model_with_head(base, n_classes, learning_rate, seed)


def build_from_scratch(base, n_classes, *, learning_rate=1e-3, seed=None):
    """keras.models.model_from_json(base.to_json()): the architecture with new weights."""
    if seed is not None:
        keras.utils.set_random_seed(int(seed))
    twin = keras.models.model_from_json(base.to_json())
    for layer in twin.layers:
        layer.trainable = True
    twin.trainable = True
    return _model_with_head(twin, n_classes, learning_rate, None)


def parameter_counts(model):
    """numpy sizes of the weight values."""
    return {
        "trainable": int(sum(np.asarray(w).size for w in model.trainable_weights)),
        "non_trainable": int(sum(np.asarray(w).size for w in model.non_trainable_weights)),
    }


def unfreeze_top(model, n, *, learning_rate=1e-5):
    """Counts from the bottom: layer i trains when i >= len - n, BatchNormalization excepted."""
    base = model.layers[0]
    size = len(base.layers)
    if not (isinstance(n, (int, np.integer)) and 0 < n <= size):
        raise ValueError(f"n={n} but the base has {size} layers; use 1 to {size}")
    current = np.float32(model.optimizer.get_config()["learning_rate"])
    if not np.float32(learning_rate) < current:
        raise ValueError(
            f"learning_rate={learning_rate} is not below the first phase's {float(current):g}; "
            "fine-tuning needs a smaller step"
        )
    base.trainable = True
    for position, layer in enumerate(base.layers):
        top = position >= size - n
        layer.trainable = top and not isinstance(layer, keras.layers.BatchNormalization)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss="sparse_categorical_crossentropy",
    )
    return model
