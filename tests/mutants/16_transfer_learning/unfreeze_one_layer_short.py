"""Mistake: unfreeze_top is off by one: it unfreezes the layers strictly above index len - n, so
unfreeze_top(model, 1) unfreezes nothing. With n=2 and BatchNormalization second from the top, the
flags come out right by luck.
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
        above = index > len(base.layers) - n
        layer.trainable = above and not isinstance(layer, keras.layers.BatchNormalization)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate), loss="sparse_categorical_crossentropy"
    )
    return model


inherit_reference(globals(), "16_transfer_learning")
