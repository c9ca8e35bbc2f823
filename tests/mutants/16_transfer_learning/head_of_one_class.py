"""Mistake: the builders take any n_classes; with n_classes=1 they build a softmax head over one
class, which outputs 1.0 for every row and cannot learn, instead of refusing.
"""

import keras

from kata_harness.implementation import inherit_reference


def _model(base, n_classes, learning_rate):
    head = keras.layers.Dense(n_classes, activation="softmax", name="head")
    model = keras.Sequential([keras.Input(shape=base.input_shape[1:]), base, head])
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate), loss="sparse_categorical_crossentropy"
    )
    return model


def build_transfer_model(base, n_classes, *, learning_rate=1e-3, seed=None):
    if seed is not None:
        keras.utils.set_random_seed(seed)
    base.trainable = False
    return _model(base, n_classes, learning_rate)


def build_from_scratch(base, n_classes, *, learning_rate=1e-3, seed=None):
    if seed is not None:
        keras.utils.set_random_seed(seed)
    fresh = keras.models.clone_model(base)
    fresh.trainable = True
    return _model(fresh, n_classes, learning_rate)


inherit_reference(globals(), "16_transfer_learning")
