"""Mistake: build_mlp accepts a seed but never uses it, so its initial weights are not reproducible."""

import keras

from kata_harness.implementation import inherit_reference


def build_mlp(layer_sizes=(64, 128, 64, 10), dropout=0.2, seed=None):
    sizes = tuple(layer_sizes)
    if not 0 <= dropout < 1:
        raise ValueError(f"dropout must be in [0, 1), got {dropout}")
    layers = [keras.Input(shape=(sizes[0],))]
    for width in sizes[1:-1]:
        layers += [keras.layers.Dense(width, activation="relu"), keras.layers.Dropout(dropout)]
    layers.append(keras.layers.Dense(sizes[-1], activation="softmax"))
    return keras.Sequential(layers)


inherit_reference(globals(), "15_neural_networks")
