"""Mistake: adam_step is right, but optimize runs its own Adam update with the raw moving averages, no bias correction.

Only the comparison with Keras used to catch this, so `-k "not keras"` let it through.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def optimize(gradient, theta0, method="gd", learning_rate=0.01, n_steps=100, *, momentum=0.9,
             rho=0.9, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    if method not in ("gd", "momentum", "rmsprop", "adam"):
        raise ValueError(f"method must be one of gd, momentum, rmsprop, adam; got {method!r}")
    if not learning_rate > 0:
        raise ValueError(f"learning_rate must be positive, got {learning_rate}")
    theta = np.asarray(theta0, dtype=float)
    m, v = np.zeros_like(theta), np.zeros_like(theta)
    points = [theta]
    for _ in range(n_steps):
        g = np.asarray(gradient(theta), dtype=float)
        if method == "gd":
            theta = theta - learning_rate * g
        elif method == "momentum":
            theta, m = momentum_step(theta, g, m, learning_rate, momentum)  # noqa: F821 (inherited from the reference)
        elif method == "rmsprop":
            theta, v = rmsprop_step(theta, g, v, learning_rate, rho, epsilon)  # noqa: F821 (inherited from the reference)
        else:
            m = beta_1 * m + (1 - beta_1) * g
            v = beta_2 * v + (1 - beta_2) * g**2
            theta = theta - learning_rate * m / (np.sqrt(v) + epsilon)
        points.append(theta)
    return np.array(points)


inherit_reference(globals(), "17_gradient_descent")
