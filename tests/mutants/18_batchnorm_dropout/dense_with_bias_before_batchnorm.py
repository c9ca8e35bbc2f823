"""Mistake: the Dense layers in front of BatchNormalization keep their bias (the seed's code does).

BatchNormalization subtracts the batch mean, which removes any bias, and beta shifts the result
again: 48 parameters (32 + 16) that never matter, 1,477 instead of 1,429.
"""

import keras

from kata_harness.implementation import inherit_reference


def build_regularized_mlp(n_features, n_classes, hidden_units=(32, 16), dropout_rate=0.3, seed=0):
    keras.utils.set_random_seed(seed)
    layers = [keras.Input(shape=(n_features,))]
    for units in hidden_units:
        layers += [
            keras.layers.Dense(units),
            keras.layers.BatchNormalization(),
            keras.layers.Activation("relu"),
            keras.layers.Dropout(dropout_rate),
        ]
    layers.append(keras.layers.Dense(n_classes, activation="softmax"))
    return keras.Sequential(layers)


inherit_reference(globals(), "18_batchnorm_dropout")
