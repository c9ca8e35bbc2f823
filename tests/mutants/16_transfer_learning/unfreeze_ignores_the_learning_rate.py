"""Mistake: unfreeze_top recompiles with the seed's fine-tuning rate, 1e-5, whatever learning_rate it is given.

The default hides it: a caller who asks for 3e-4 still gets 1e-5.
"""

import keras

from kata_harness.implementation import inherit_reference


def unfreeze_top(model, n, *, learning_rate=1e-5):
    base = model.layers[0]
    if not 1 <= n <= len(base.layers):
        raise ValueError(f"n={n} but the base has {len(base.layers)} layers; use 1 to {len(base.layers)}")
    current = float(model.optimizer.learning_rate.numpy())
    if learning_rate >= current:
        raise ValueError(f"learning_rate={learning_rate} is not below the first phase's {current:g}")
    base.trainable = True
    for index, layer in enumerate(base.layers):
        top = index >= len(base.layers) - n
        layer.trainable = top and not isinstance(layer, keras.layers.BatchNormalization)
    model.compile(optimizer=keras.optimizers.Adam(1e-5), loss="sparse_categorical_crossentropy")
    return model


inherit_reference(globals(), "16_transfer_learning")
