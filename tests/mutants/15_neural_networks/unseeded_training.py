"""Mistake: building and fitting the network without seeding Keras.

The initial weights, the dropout masks and the batch shuffling all draw from unseeded generators, so
two runs with the same data give different weights and results cannot be reproduced.
"""

import keras
import numpy as np

from kata_harness.implementation import inherit_reference


def train_mlp(X_train, y_train, *, epochs=4, batch_size=64, learning_rate=5e-3, seed=0):
    model = build_mlp()  # noqa: F821
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate), loss="sparse_categorical_crossentropy"
    )
    history = model.fit(
        np.asarray(X_train, dtype=np.float32),
        np.asarray(y_train),
        epochs=epochs,
        batch_size=batch_size,
        verbose=0,
    )
    return model, history.history["loss"]


inherit_reference(globals(), "15_neural_networks")
