"""Mistake: making the head layer first and calling keras.utils.set_random_seed afterwards.

A Keras initializer takes its seed when it is constructed, so the head's weights do not repeat for
a given seed (the old reference had exactly this bug).
"""

import keras

from kata_harness.implementation import inherit_reference


def build_transfer_model(base, n_classes, *, learning_rate=1e-3, seed=None):
    head = keras.layers.Dense(n_classes, activation="softmax", name="head")
    if seed is not None:
        keras.utils.set_random_seed(seed)
    base.trainable = False
    model = keras.Sequential([keras.Input(shape=base.input_shape[1:]), base, head])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="sparse_categorical_crossentropy")
    return model


inherit_reference(globals(), "16_transfer_learning")
