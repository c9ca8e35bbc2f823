"""Mistake: unfreezing every one of the top n layers, BatchNormalization included, as the seed's code
does (base_model.trainable = True, then freeze all but the last layers).

A trainable BatchNormalization layer runs in training mode during fit: it normalizes with statistics
of small target batches and overwrites the moving mean and variance learned on the source task. In
Keras 3, passing training=False when wiring the model does not prevent this, because fit's
training=True overrides it.
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
    for layer in base.layers[:-n]:
        layer.trainable = False
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate), loss="sparse_categorical_crossentropy"
    )
    return model


inherit_reference(globals(), "16_transfer_learning")
