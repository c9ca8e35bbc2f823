"""Mistake: unfreeze_top checks only the upper bound of n, and slices base.layers[-n:].

With n=0 the slice base.layers[-0:] is the whole base, so "unfreeze nothing" unfreezes everything.
"""

import keras

from kata_harness.implementation import inherit_reference


def unfreeze_top(model, n, *, learning_rate=1e-5):
    base = model.layers[0]
    if n > len(base.layers):
        raise ValueError(f"n={n} but the base has {len(base.layers)} layers; use 1 to {len(base.layers)}")
    current = float(model.optimizer.learning_rate.numpy())
    if learning_rate >= current:
        raise ValueError(f"learning_rate={learning_rate} is not below the first phase's {current:g}")
    base.trainable = True
    for layer in base.layers:
        layer.trainable = False
    for layer in base.layers[-n:]:
        layer.trainable = not isinstance(layer, keras.layers.BatchNormalization)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="sparse_categorical_crossentropy")
    return model


inherit_reference(globals(), "16_transfer_learning")
