"""Mistake: reporting model.count_params() as the trainable count.

count_params() counts every weight, the frozen base and BatchNormalization's moving statistics
included, so the number says nothing about what will actually learn.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def parameter_counts(model):
    return {
        "trainable": int(model.count_params()),
        "non_trainable": int(sum(np.prod(w.shape) for w in model.non_trainable_weights)),
    }


inherit_reference(globals(), "16_transfer_learning")
