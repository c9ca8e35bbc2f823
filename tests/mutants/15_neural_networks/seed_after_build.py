"""Mistake: train_mlp seeds Keras after the model is built, so the initial weights come from an
unseeded state. Two calls in one process still agree (the first call's seeding leaves the state
the second one starts from), but a fresh process draws other initial weights.
"""

import keras
import numpy as np

from kata_harness.implementation import inherit_reference


def train_mlp(X_train, y_train, *, epochs=4, batch_size=64, learning_rate=5e-3, seed=0):
    model = build_mlp()  # noqa: F821
    keras.utils.set_random_seed(seed)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate), loss="sparse_categorical_crossentropy"
    )
    history = model.fit(
        np.asarray(X_train, dtype=np.float32), np.asarray(y_train),
        epochs=epochs, batch_size=batch_size, verbose=0,
    )
    return model, [float(loss) for loss in history.history["loss"]]


inherit_reference(globals(), "15_neural_networks")
