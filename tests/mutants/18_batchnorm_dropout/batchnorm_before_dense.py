"""Mistake: hidden blocks BatchNormalization -> Dense -> ReLU -> Dropout, normalizing the block's input instead of the Dense output.

The Dense then needs its bias back, nothing normalizes the pre-activations that feed the ReLU, and
the first BatchNormalization runs over the raw features.
"""

import keras

from kata_harness.implementation import inherit_reference


def build_regularized_mlp(n_features, n_classes, hidden_units=(32, 16), dropout_rate=0.3, seed=0):
    if not 0 <= dropout_rate < 1:
        raise ValueError(f"rate must be in [0, 1), got {dropout_rate}")
    keras.utils.set_random_seed(seed)
    layers = [keras.Input(shape=(n_features,))]
    for units in hidden_units:
        layers += [
            keras.layers.BatchNormalization(),
            keras.layers.Dense(units),
            keras.layers.Activation("relu"),
            keras.layers.Dropout(dropout_rate),
        ]
    layers.append(keras.layers.Dense(n_classes, activation="softmax"))
    return keras.Sequential(layers)


inherit_reference(globals(), "18_batchnorm_dropout")
