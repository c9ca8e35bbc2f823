"""Mistake: unfreezing the top layers and lowering the existing optimizer's learning rate in place,
without compiling again.

The training step was built for the old list of trainable weights, so fit keeps updating the head
only: the unfrozen layers never move and the fine-tuning phase silently does nothing new.
"""

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
    for layer in base.layers:
        if type(layer).__name__ == "BatchNormalization":
            layer.trainable = False
    model.optimizer.learning_rate.assign(learning_rate)
    return model


inherit_reference(globals(), "16_transfer_learning")
