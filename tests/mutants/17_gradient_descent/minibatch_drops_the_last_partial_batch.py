"""Mistake: mini-batch gradient descent that takes only full batches and skips the leftover rows.

With 10 rows and batches of 4 it steps twice per epoch and never learns from the 2 rows left over
in each shuffle, so rows drop out of training at random.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


def minibatch_gradient_descent(
    X, y, learning_rate=0.1, n_epochs=50, batch_size=16, random_state=None
):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if not learning_rate > 0:
        raise ValueError(f"learning_rate must be positive, got {learning_rate}")
    if not 1 <= batch_size <= len(y):
        raise ValueError(
            f"batch_size must be between 1 and {len(y)} (the number of rows), got {batch_size}"
        )
    rng = np.random.default_rng(random_state)
    theta = np.zeros(X.shape[1])
    losses = [float(np.mean((X @ theta - y) ** 2))]
    for _ in range(n_epochs):
        order = rng.permutation(len(y))
        for start in range(0, len(y) - batch_size + 1, batch_size):
            rows = order[start : start + batch_size]
            theta = theta - learning_rate * (2 / batch_size) * X[rows].T @ (X[rows] @ theta - y[rows])
            losses.append(float(np.mean((X @ theta - y) ** 2)))
    return theta, np.array(losses)


inherit_reference(globals(), "17_gradient_descent")
