"""Mistake: batch gradient descent always starts from zeros and ignores theta0."""

import numpy as np

from kata_harness.implementation import inherit_reference


def batch_gradient_descent(X, y, learning_rate=0.1, n_epochs=1000, theta0=None):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D design matrix, got shape {X.shape}")
    if y.ndim != 1 or len(y) != len(X):
        raise ValueError(f"X has {len(X)} rows but y has shape {y.shape}; y must be 1-D and match")
    if not learning_rate > 0:
        raise ValueError(f"learning_rate must be positive, got {learning_rate}")
    theta = np.zeros(X.shape[1])
    losses = [float(np.mean((X @ theta - y) ** 2))]
    for _ in range(n_epochs):
        theta = theta - learning_rate * 2 / len(y) * X.T @ (X @ theta - y)
        losses.append(float(np.mean((X @ theta - y) ** 2)))
    return theta, np.array(losses)


inherit_reference(globals(), "17_gradient_descent")
