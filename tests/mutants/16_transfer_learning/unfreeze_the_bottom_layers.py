"""Mistake: unfreezing base.layers[:n], the first n layers, instead of the last n.

The lowest layers hold the most generic features and are the last ones worth touching; fine-tuning
adapts the top of the base, the part closest to the new head.
"""

import keras

from kata_harness.implementation import inherit_reference


def unfreeze_top(model, n, *, learning_rate=1e-5):
    base = model.layers[0]
    if not 1 <= n <= len(base.layers):
        raise ValueError(f"n={n} but the base has {len(base.layers)} layers")
    if learning_rate >= float(model.optimizer.learning_rate.numpy()):
        raise ValueError(
            f"learning_rate={learning_rate} is not below the first phase's "
            f"{float(model.optimizer.learning_rate.numpy()):g}"
        )
    base.trainable = True
    for index, layer in enumerate(base.layers):
        layer.trainable = index < n and not isinstance(layer, keras.layers.BatchNormalization)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate), loss="sparse_categorical_crossentropy"
    )
    return model


inherit_reference(globals(), "16_transfer_learning")
