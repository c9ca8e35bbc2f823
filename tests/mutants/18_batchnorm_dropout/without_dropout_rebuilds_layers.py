"""Mistake: "the same network without Dropout" rebuilt from fresh layers of the same sizes.

The architecture matches, but every Dense and BatchNormalization layer is new, with its own random
weights and default statistics, so the two networks compute different things.
"""

import keras

from kata_harness.implementation import inherit_reference


def without_dropout(model):
    layers = [keras.Input(shape=model.input_shape[1:])]
    for layer in model.layers:
        if isinstance(layer, keras.layers.Dropout):
            continue
        layers.append(layer.__class__.from_config(layer.get_config()))
    return keras.Sequential(layers)


inherit_reference(globals(), "18_batchnorm_dropout")
