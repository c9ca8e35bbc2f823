"""Mistake: build_mlp hard-codes the seed's 128 and 64 hidden units and only takes the input and
output widths from layer_sizes, so any other architecture comes out wrong.
"""

import keras

from kata_harness.implementation import inherit_reference


def build_mlp(layer_sizes=(64, 128, 64, 10), dropout=0.2, seed=None):
    if not 0 <= dropout < 1:
        raise ValueError(f"dropout must be in [0, 1), got {dropout}")
    if seed is not None:
        keras.utils.set_random_seed(seed)
    return keras.Sequential(
        [
            keras.Input(shape=(layer_sizes[0],)),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dropout(dropout),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dropout(dropout),
            keras.layers.Dense(layer_sizes[-1], activation="softmax"),
        ]
    )


inherit_reference(globals(), "15_neural_networks")
