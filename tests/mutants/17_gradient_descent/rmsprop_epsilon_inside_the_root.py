"""Mistake: RMSprop with epsilon inside the square root, sqrt(mean_square + epsilon), as Keras writes it.

The docstring promises sqrt(mean_square) + epsilon. The two agree while gradients are far above
sqrt(epsilon), about 3e-4; at gradients of 1e-4 the inside version takes steps ten times shorter.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def rmsprop_step(theta, grad, mean_square, learning_rate, rho=0.9, epsilon=1e-7):
    grad = np.asarray(grad, dtype=float)
    mean_square = rho * np.asarray(mean_square, dtype=float) + (1 - rho) * grad**2
    step = learning_rate * grad / np.sqrt(mean_square + epsilon)
    return np.asarray(theta, dtype=float) - step, mean_square


inherit_reference(globals(), "17_gradient_descent")
