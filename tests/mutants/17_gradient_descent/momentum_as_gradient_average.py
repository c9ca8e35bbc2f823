"""Mistake: momentum as an exponential average of gradients, velocity = beta v + (1 - beta) g.

That form is a legitimate variant only if the learning rate is scaled up by 1 / (1 - beta) to
match; used with the same learning rate as heavy-ball momentum, every step is ten times too short,
so the "acceleration" disappears on an ill-conditioned problem.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def momentum_step(theta, grad, velocity, learning_rate, momentum=0.9):
    velocity = momentum * np.asarray(velocity, dtype=float) + (1 - momentum) * np.asarray(grad)
    return np.asarray(theta, dtype=float) - learning_rate * velocity, velocity


inherit_reference(globals(), "17_gradient_descent")
