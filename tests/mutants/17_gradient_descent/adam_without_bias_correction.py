"""Mistake: Adam without bias correction, stepping with the raw moving averages m and v.

Both averages start at zero, so early on m is about (1 - beta_1) g and v about (1 - beta_2) g^2.
Without dividing by 1 - beta**t, the first step is 0.1 / sqrt(0.001), about 3.2 times
learning_rate instead of learning_rate.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def adam_step(theta, grad, m, v, t, learning_rate, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    grad = np.asarray(grad, dtype=float)
    m = beta_1 * np.asarray(m, dtype=float) + (1 - beta_1) * grad
    v = beta_2 * np.asarray(v, dtype=float) + (1 - beta_2) * grad**2
    return np.asarray(theta, dtype=float) - learning_rate * m / (np.sqrt(v) + epsilon), m, v


inherit_reference(globals(), "17_gradient_descent")
