"""Mistake: momentum_step updates the velocity array it was given in place (velocity *= momentum; velocity -= ...), so the caller's state changes behind its back."""

import numpy as np

from kata_harness.implementation import inherit_reference


def momentum_step(theta, grad, velocity, learning_rate, momentum=0.9):
    velocity *= momentum
    velocity -= learning_rate * np.asarray(grad)
    return np.asarray(theta, dtype=float) + velocity, velocity


inherit_reference(globals(), "17_gradient_descent")
