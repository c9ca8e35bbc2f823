"""Mistake: batch gradient descent that accumulates the gradient with a Python loop over rows.

The numbers are right, but every epoch walks the rows one by one in the interpreter instead of
doing two matrix products, which makes it about a thousand times slower on 5000 rows.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def batch_gradient_descent(X, y, learning_rate=0.1, n_epochs=1000, theta0=None):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if not learning_rate > 0:
        raise ValueError(f"learning_rate must be positive, got {learning_rate}")
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has shape {y.shape}; y must be 1-D and match")
    theta = np.zeros(X.shape[1]) if theta0 is None else np.array(theta0, dtype=float)
    m = len(y)

    def loss(theta):
        return sum((row @ theta - target) ** 2 for row, target in zip(X, y)) / m

    losses = [loss(theta)]
    for _ in range(n_epochs):
        gradient = np.zeros_like(theta)
        for row, target in zip(X, y):
            gradient += 2 * (row @ theta - target) * row / m
        theta = theta - learning_rate * gradient
        losses.append(loss(theta))
    return theta, np.array(losses)


inherit_reference(globals(), "17_gradient_descent")
