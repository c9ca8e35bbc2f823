"""Mistake: softmax normalizes over axis 1 instead of the last axis; a batch of rows looks right,
but a single row of logits (1-D) or a stack of batches (3-D) does not.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def softmax(z):
    z = np.asarray(z, dtype=float)
    shifted = np.exp(z - z.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


inherit_reference(globals(), "15_neural_networks")
