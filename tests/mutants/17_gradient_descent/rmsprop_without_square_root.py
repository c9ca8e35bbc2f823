"""Mistake: RMSprop that divides the gradient by the running mean square, not by its square root.

The step becomes g / mean(g^2), about 1 / g: large gradients take tiny steps and tiny gradients
take huge ones, instead of every coordinate moving at a similar, scale-free pace.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def rmsprop_step(theta, grad, mean_square, learning_rate, rho=0.9, epsilon=1e-7):
    grad = np.asarray(grad, dtype=float)
    mean_square = rho * np.asarray(mean_square, dtype=float) + (1 - rho) * grad**2
    return np.asarray(theta, dtype=float) - learning_rate * grad / (
        mean_square + epsilon
    ), mean_square


inherit_reference(globals(), "17_gradient_descent")
