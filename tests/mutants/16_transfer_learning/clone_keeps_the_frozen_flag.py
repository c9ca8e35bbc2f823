"""Mistake: building the from-scratch twin with keras.models.clone_model(base) and stopping there.

clone_model draws new weights but copies the configuration, and the configuration includes
trainable=False once the base has been frozen for transfer. The "from scratch" model then trains
only its head on random features, which is not the baseline it claims to be.
"""

import keras

from kata_harness.implementation import inherit_reference


def build_from_scratch(base, n_classes, *, learning_rate=1e-3, seed=None):
    if seed is not None:
        keras.utils.set_random_seed(seed)
    model = keras.Sequential(
        [
            keras.Input(shape=base.input_shape[1:]),
            keras.models.clone_model(base),
            keras.layers.Dense(n_classes, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate), loss="sparse_categorical_crossentropy"
    )
    return model


inherit_reference(globals(), "16_transfer_learning")
