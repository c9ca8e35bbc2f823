"""Mistake: a linear output layer (no softmax) trained with a from_logits loss, while the rest of the
code treats the outputs as probabilities.

Training works, but the network's outputs are raw scores: they can be negative and their rows do not
sum to 1, and the numpy forward pass (which applies softmax) no longer matches model.predict.
"""

import keras
import numpy as np

from kata_harness.implementation import inherit_reference


def build_mlp(layer_sizes=(64, 128, 64, 10), dropout=0.2, seed=None):
    if not 0 <= dropout < 1:
        raise ValueError(f"dropout must be in [0, 1), got {dropout}")
    if seed is not None:
        keras.utils.set_random_seed(seed)
    sizes = tuple(layer_sizes)
    layers = [keras.Input(shape=(sizes[0],))]
    for width in sizes[1:-1]:
        layers += [keras.layers.Dense(width, activation="relu"), keras.layers.Dropout(dropout)]
    layers.append(keras.layers.Dense(sizes[-1]))
    return keras.Sequential(layers)


def train_mlp(X_train, y_train, *, epochs=4, batch_size=64, learning_rate=5e-3, seed=0):
    model = build_mlp(seed=seed)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
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
