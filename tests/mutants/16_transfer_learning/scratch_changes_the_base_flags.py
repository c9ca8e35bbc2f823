"""Mistake: build_from_scratch sets trainable=True on each layer of the base it was given, then clones it.

The clone is right, but the caller's frozen base now has trainable layers.
"""

import keras

from kata_harness.implementation import inherit_reference


def build_from_scratch(base, n_classes, *, learning_rate=1e-3, seed=None):
    if seed is not None:
        keras.utils.set_random_seed(seed)
    for layer in base.layers:
        layer.trainable = True
    fresh = keras.models.clone_model(base)
    head = keras.layers.Dense(n_classes, activation="softmax", name="head")
    model = keras.Sequential([keras.Input(shape=base.input_shape[1:]), fresh, head])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="sparse_categorical_crossentropy")
    return model


inherit_reference(globals(), "16_transfer_learning")
