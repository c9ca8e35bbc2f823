"""Mistake: optimize calls adam_step with t=1 at every step (the step counter never advances), so the bias correction stays the first step's forever."""

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
            theta, m, v = adam_step(theta, g, m, v, 1, learning_rate, beta_1, beta_2, epsilon)  # noqa: F821 (inherited from the reference)
        points.append(theta)
    return np.array(points)


inherit_reference(globals(), "17_gradient_descent")
