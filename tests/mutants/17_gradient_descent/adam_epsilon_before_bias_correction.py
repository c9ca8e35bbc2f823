"""Mistake: Adam that adds epsilon to sqrt(v) before the bias correction, as Keras does.

The docstring adds it to sqrt(v_hat). At the first step the correction divides v by 0.001, so
epsilon acts some 30 times larger: invisible for ordinary gradients, a 3 % shorter step at 1e-4.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def adam_step(theta, grad, m, v, t, learning_rate, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    if t < 1:
        raise ValueError(f"t counts Adam's steps from 1, got {t}")
    grad = np.asarray(grad, dtype=float)
    m = beta_1 * np.asarray(m, dtype=float) + (1 - beta_1) * grad
    v = beta_2 * np.asarray(v, dtype=float) + (1 - beta_2) * grad**2
    alpha = learning_rate * np.sqrt(1 - beta_2**t) / (1 - beta_1**t)
    return np.asarray(theta, dtype=float) - alpha * m / (np.sqrt(v) + epsilon), m, v


inherit_reference(globals(), "17_gradient_descent")
