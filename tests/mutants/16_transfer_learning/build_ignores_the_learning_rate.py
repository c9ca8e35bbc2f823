"""Mistake: build_transfer_model and build_from_scratch compile with Adam's default rate, 1e-3, ignoring learning_rate.

The two phases then train at whatever Keras picks, and the comparison with the caller's budget is off.
"""

import keras

from kata_harness.implementation import inherit_reference


def _model(base, n_classes, seed):
    if seed is not None:
        keras.utils.set_random_seed(seed)
    head = keras.layers.Dense(n_classes, activation="softmax", name="head")
    model = keras.Sequential([keras.Input(shape=base.input_shape[1:]), base, head])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model


def build_transfer_model(base, n_classes, *, learning_rate=1e-3, seed=None):
    base.trainable = False
    return _model(base, n_classes, seed)


def build_from_scratch(base, n_classes, *, learning_rate=1e-3, seed=None):
    if seed is not None:
        keras.utils.set_random_seed(seed)
    fresh = keras.models.clone_model(base)
    fresh.trainable = True
    return _model(fresh, n_classes, None)


inherit_reference(globals(), "16_transfer_learning")
