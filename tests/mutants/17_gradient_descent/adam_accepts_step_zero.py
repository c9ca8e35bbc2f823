"""Mistake: adam_step does not check t, so t=0 divides by 1 - beta**0 = 0 and returns nan or inf instead of an error."""

import numpy as np

from kata_harness.implementation import inherit_reference


def adam_step(theta, grad, m, v, t, learning_rate, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    grad = np.asarray(grad, dtype=float)
    m = beta_1 * np.asarray(m, dtype=float) + (1 - beta_1) * grad
    v = beta_2 * np.asarray(v, dtype=float) + (1 - beta_2) * grad**2
    with np.errstate(divide="ignore", invalid="ignore"):
        m_hat, v_hat = m / (1 - beta_1**t), v / (1 - beta_2**t)
        theta = np.asarray(theta, dtype=float) - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)
    return theta, m, v


inherit_reference(globals(), "17_gradient_descent")
