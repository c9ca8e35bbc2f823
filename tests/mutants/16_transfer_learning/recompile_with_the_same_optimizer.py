"""Mistake: recompiling for fine-tuning with the optimizer the model already has,
model.compile(optimizer=model.optimizer, ...).

The step size stays at the first phase's, and large updates to pretrained layers, driven by gradients
from a freshly trained head, can wreck the features that made transfer worth doing. Keras 3 does not
even let it run: the old optimizer was built for the head's variables only, and fit stops with
"Unknown variable ... recreate a new optimizer instance" once the unfrozen layers join in.
"""

from kata_harness.implementation import inherit_reference


def unfreeze_top(model, n, *, learning_rate=1e-5):
    base = model.layers[0]
    if not 1 <= n <= len(base.layers):
        raise ValueError(f"n={n} but the base has {len(base.layers)} layers")
    base.trainable = True
    for layer in base.layers[:-n]:
        layer.trainable = False
    for layer in base.layers:
        if type(layer).__name__ == "BatchNormalization":
            layer.trainable = False
    model.compile(optimizer=model.optimizer, loss="sparse_categorical_crossentropy")
    return model


inherit_reference(globals(), "16_transfer_learning")
