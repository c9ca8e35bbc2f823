"""Mistake: a "from scratch" model that copies the pretrained weights into the clone.

It is then full fine-tuning of the pretrained network, not a baseline without pretraining, so the
comparison can no longer tell what the pretrained features are worth.
"""

import keras

from kata_harness.implementation import inherit_reference


def build_from_scratch(base, n_classes, *, learning_rate=1e-3, seed=None):
    if seed is not None:
        keras.utils.set_random_seed(seed)
    twin = keras.models.clone_model(base)
    twin.set_weights(base.get_weights())
    twin.trainable = True
    model = keras.Sequential(
        [
            keras.Input(shape=base.input_shape[1:]),
            twin,
            keras.layers.Dense(n_classes, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate), loss="sparse_categorical_crossentropy"
    )
    return model


inherit_reference(globals(), "16_transfer_learning")
