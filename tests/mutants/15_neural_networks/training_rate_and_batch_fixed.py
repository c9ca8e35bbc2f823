"""Mistake: train_mlp compiles Adam at its own 5e-3 and fits in batches of 64 whatever it is given;
with the default budget nothing shows.
"""

import keras
import numpy as np

from kata_harness.implementation import inherit_reference


def train_mlp(X_train, y_train, *, epochs=4, batch_size=64, learning_rate=5e-3, seed=0):
    model = build_mlp(seed=seed)  # noqa: F821 (inherited from the reference)
    model.compile(optimizer=keras.optimizers.Adam(5e-3), loss="sparse_categorical_crossentropy")
    history = model.fit(
        np.asarray(X_train, dtype=np.float32), np.asarray(y_train), epochs=epochs, batch_size=64,
        verbose=0,
    )
    return model, [float(loss) for loss in history.history["loss"]]


inherit_reference(globals(), "15_neural_networks")
