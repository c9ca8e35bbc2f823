"""Mistake: "mini-batch" gradient descent whose every step still uses the full data set.

It loops over batches but computes the gradient on all rows each time, so it is batch gradient
descent with more steps per epoch: its loss curve never rises, and there is no noise to speak of.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def _loss(theta, X, y):
    return float(np.mean((X @ theta - y) ** 2))


def minibatch_gradient_descent(
    X, y, learning_rate=0.1, n_epochs=50, batch_size=16, random_state=None
):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if not 1 <= batch_size <= len(y):
        raise ValueError(
            f"batch_size must be between 1 and {len(y)} (the number of rows), got {batch_size}"
        )
    theta = np.zeros(X.shape[1])
    losses = [_loss(theta, X, y)]
    for _ in range(n_epochs):
        for _ in range(0, len(y), batch_size):
            theta = theta - learning_rate * (2 / len(y)) * X.T @ (X @ theta - y)
            losses.append(_loss(theta, X, y))
    return theta, np.array(losses)


inherit_reference(globals(), "17_gradient_descent")
