"""Mistake: train_mlp leaves Adam at Keras' default rate (1e-3) instead of the learning_rate it is
given; at the seed's 5e-3 the network still learns the digits, only more slowly.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def train_mlp(X_train, y_train, *, epochs=4, batch_size=64, learning_rate=5e-3, seed=0):
    model = build_mlp(seed=seed)  # noqa: F821 (inherited from the reference)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    history = model.fit(
        np.asarray(X_train, dtype=np.float32), np.asarray(y_train), epochs=epochs,
        batch_size=batch_size, verbose=0,
    )
    return model, [float(loss) for loss in history.history["loss"]]


inherit_reference(globals(), "15_neural_networks")
