"""Mistake: build_regularized_mlp never calls keras.utils.set_random_seed, so neither the initial weights nor the dropout masks repeat."""

import keras

from kata_harness.implementation import inherit_reference


def build_regularized_mlp(n_features, n_classes, hidden_units=(32, 16), dropout_rate=0.3, seed=0):
    layers = [keras.Input(shape=(n_features,))]
    for units in hidden_units:
        layers += [
            keras.layers.Dense(units, use_bias=False),
            keras.layers.BatchNormalization(),
            keras.layers.Activation("relu"),
            keras.layers.Dropout(dropout_rate),
        ]
    layers.append(keras.layers.Dense(n_classes, activation="softmax"))
    return keras.Sequential(layers)


inherit_reference(globals(), "18_batchnorm_dropout")
