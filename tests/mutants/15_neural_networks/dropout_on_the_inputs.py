"""Mistake: the Dropout layers sit before each Dense layer, so the raw pixels are dropped and the
last hidden layer feeds the output undropped; the layer count and the rates look right.
"""

import keras

from kata_harness.implementation import inherit_reference


def build_mlp(layer_sizes=(64, 128, 64, 10), dropout=0.2, seed=None):
    sizes = tuple(layer_sizes)
    if not 0 <= dropout < 1:
        raise ValueError(f"dropout must be in [0, 1), got {dropout}")
    if seed is not None:
        keras.utils.set_random_seed(seed)
    layers = [keras.Input(shape=(sizes[0],))]
    for width in sizes[1:-1]:
        layers += [keras.layers.Dropout(dropout), keras.layers.Dense(width, activation="relu")]
    layers.append(keras.layers.Dense(sizes[-1], activation="softmax"))
    return keras.Sequential(layers)


inherit_reference(globals(), "15_neural_networks")
