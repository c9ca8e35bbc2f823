"""Mistake: unfreeze_top refuses only a larger learning rate (>) and lets the same rate through.

Fine-tuning at the first phase's rate is exactly what the smaller step is meant to prevent.
"""

import keras
import numpy as np

from kata_harness.implementation import inherit_reference


def unfreeze_top(model, n, *, learning_rate=1e-5):
    base = model.layers[0]
    if not 1 <= n <= len(base.layers):
        raise ValueError(f"n={n} but the base has {len(base.layers)} layers; use 1 to {len(base.layers)}")
    current = np.float32(model.optimizer.learning_rate.numpy())
    if np.float32(learning_rate) > current:
        raise ValueError(f"learning_rate={learning_rate} is not below the first phase's {current:g}")
    base.trainable = True
    for index, layer in enumerate(base.layers):
        top = index >= len(base.layers) - n
        layer.trainable = top and not isinstance(layer, keras.layers.BatchNormalization)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="sparse_categorical_crossentropy")
    return model


inherit_reference(globals(), "16_transfer_learning")
