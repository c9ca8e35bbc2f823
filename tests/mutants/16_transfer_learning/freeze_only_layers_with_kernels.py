"""Mistake: freezing the base layer by layer, only the layers that have a kernel.

BatchNormalization has no kernel, so it stays trainable: its gamma and beta train with the head, and
because it is trainable it normalizes with each batch's statistics and overwrites the moving mean and
variance learned on the source task.
"""

import keras

from kata_harness.implementation import inherit_reference


def build_transfer_model(base, n_classes, *, learning_rate=1e-3, seed=None):
    if seed is not None:
        keras.utils.set_random_seed(seed)
    for layer in base.layers:
        if hasattr(layer, "kernel"):
            layer.trainable = False
    model = keras.Sequential(
        [
            keras.Input(shape=base.input_shape[1:]),
            base,
            keras.layers.Dense(n_classes, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate), loss="sparse_categorical_crossentropy"
    )
    return model


inherit_reference(globals(), "16_transfer_learning")
