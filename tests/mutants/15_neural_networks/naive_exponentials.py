"""Mistake: softmax and sigmoid straight from the textbook formula, np.exp of the raw input.

exp(1000) overflows to inf, so a softmax row of large logits becomes inf / inf = nan, and sigmoid(-1000)
overflows on the way to its limit of 0. Subtracting the row maximum (softmax) and using exp(-|x|)
(sigmoid) give the same values without overflow.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def softmax(z):
    e = np.exp(np.asarray(z, dtype=float))
    return e / e.sum(axis=-1, keepdims=True)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


inherit_reference(globals(), "15_neural_networks")
