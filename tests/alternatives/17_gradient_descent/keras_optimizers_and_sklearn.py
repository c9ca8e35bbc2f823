"""Leans on the libraries: optimize runs Keras' own SGD and Adam on a float64 variable, L comes from the largest singular value, batches from sklearn's gen_batches, shuffles from Generator.shuffle.

Keras adds epsilon before Adam's bias correction: at step t that is the docstring's rule with
epsilon * sqrt(1 - beta_2**t), so this sets the optimizer's epsilon to that before every step.
Keras' RMSprop puts epsilon inside the square root, which no fixed epsilon turns into the
docstring's sqrt(mean_square) + epsilon, so optimize runs RMSprop with its own numpy step.
"""

from __future__ import annotations

import numpy as np
from sklearn.metrics import mean_squared_error
from sklearn.utils import gen_batches


def _design(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D design matrix, got shape {X.shape}")
    if y.ndim != 1 or len(y) != len(X):
        raise ValueError(f"X has {len(X)} rows but y has shape {y.shape}")
    return X, y


def _learning_rate(learning_rate):
    if not learning_rate > 0:
        raise ValueError(f"learning_rate must be positive, got {learning_rate}")


def mse_loss(theta, X, y):
    """sklearn's mean_squared_error."""
    X, y = _design(X, y)
    theta = np.asarray(theta, dtype=float)
    if theta.shape != (X.shape[1],):
        raise ValueError(f"theta has shape {theta.shape}, expected ({X.shape[1]},)")
    return float(mean_squared_error(y, X @ theta))


def mse_gradient(theta, X, y):
    """Vectorized (2/n) X^T (X theta - y)."""
    X, y = _design(X, y)
    theta = np.asarray(theta, dtype=float)
    if theta.shape != (X.shape[1],):
        raise ValueError(f"theta has shape {theta.shape}, expected ({X.shape[1]},)")
    return 2.0 * X.T @ (X @ theta - y) / len(y)


def largest_hessian_eigenvalue(X):
    """(2/n) times the square of X's largest singular value."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D design matrix, got shape {X.shape}")
    return float(2.0 * np.linalg.svd(X, compute_uv=False)[0] ** 2 / len(X))


def batch_gradient_descent(X, y, learning_rate=0.1, n_epochs=1000, theta0=None):
    """Full-data steps."""
    X, y = _design(X, y)
    _learning_rate(learning_rate)
    theta = np.zeros(X.shape[1]) if theta0 is None else np.array(theta0, dtype=float)
    if theta.shape != (X.shape[1],):
        raise ValueError(f"theta0 has shape {theta.shape}, expected ({X.shape[1]},)")
    losses = [mse_loss(theta, X, y)]
    for _ in range(n_epochs):
        theta = theta - learning_rate * mse_gradient(theta, X, y)
        losses.append(mse_loss(theta, X, y))
    return theta, np.array(losses)


def minibatch_gradient_descent(
    X, y, learning_rate=0.1, n_epochs=50, batch_size=16, random_state=None
):
    """Generator.shuffle of an index array each epoch, sliced by sklearn's gen_batches."""
    X, y = _design(X, y)
    _learning_rate(learning_rate)
    if not 1 <= batch_size <= len(y):
        raise ValueError(
            f"batch_size must be between 1 and {len(y)} (the number of rows), got {batch_size}"
        )
    rng = np.random.default_rng(random_state)
    order = np.arange(len(y))
    theta = np.zeros(X.shape[1])
    losses = [mse_loss(theta, X, y)]
    for _ in range(n_epochs):
        rng.shuffle(order)
        for piece in gen_batches(len(y), batch_size):
            rows = order[piece]
            theta = theta - learning_rate * mse_gradient(theta, X[rows], y[rows])
            losses.append(mse_loss(theta, X, y))
    return theta, np.array(losses)


def stochastic_gradient_descent(X, y, learning_rate=0.05, n_epochs=50, random_state=None):
    """Batches of one."""
    return minibatch_gradient_descent(
        X,
        y,
        learning_rate=learning_rate,
        n_epochs=n_epochs,
        batch_size=1,
        random_state=random_state,
    )


def momentum_step(theta, grad, velocity, learning_rate, momentum=0.9):
    """Keras' SGD momentum rule in numpy."""
    velocity = momentum * np.asarray(velocity, dtype=float) - learning_rate * np.asarray(
        grad, dtype=float
    )
    return np.asarray(theta, dtype=float) + velocity, velocity


def rmsprop_step(theta, grad, mean_square, learning_rate, rho=0.9, epsilon=1e-7):
    """RMSprop in numpy."""
    grad = np.asarray(grad, dtype=float)
    mean_square = rho * np.asarray(mean_square, dtype=float) + (1 - rho) * np.square(grad)
    return np.asarray(theta, dtype=float) - learning_rate * grad / (
        np.sqrt(mean_square) + epsilon
    ), mean_square


def adam_step(theta, grad, m, v, t, learning_rate, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    """Adam in numpy with bias correction."""
    if t < 1:
        raise ValueError(f"t counts Adam's steps from 1, got {t}")
    grad = np.asarray(grad, dtype=float)
    m = beta_1 * np.asarray(m, dtype=float) + (1 - beta_1) * grad
    v = beta_2 * np.asarray(v, dtype=float) + (1 - beta_2) * np.square(grad)
    m_hat, v_hat = m / (1 - beta_1**t), v / (1 - beta_2**t)
    return np.asarray(theta, dtype=float) - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon), m, v


def _keras_optimizer(method, learning_rate, momentum, rho, beta_1, beta_2, epsilon):
    import keras

    if method == "gd":
        return keras.optimizers.SGD(learning_rate=learning_rate)
    if method == "momentum":
        return keras.optimizers.SGD(learning_rate=learning_rate, momentum=momentum)
    if method == "rmsprop":
        return keras.optimizers.RMSprop(learning_rate=learning_rate, rho=rho, epsilon=epsilon)
    return keras.optimizers.Adam(
        learning_rate=learning_rate, beta_1=beta_1, beta_2=beta_2, epsilon=epsilon
    )


def optimize(
    gradient,
    theta0,
    method="gd",
    learning_rate=0.01,
    n_steps=100,
    *,
    momentum=0.9,
    rho=0.9,
    beta_1=0.9,
    beta_2=0.999,
    epsilon=1e-7,
):
    """Keras' optimizer applied to a float64 variable, one apply_gradients per step."""
    if method not in ("gd", "momentum", "rmsprop", "adam"):
        raise ValueError(f"method must be one of gd, momentum, rmsprop, adam; got {method!r}")
    _learning_rate(learning_rate)
    import keras

    start = np.array(theta0, dtype=float)
    variable = keras.Variable(start, dtype="float64")
    optimizer = _keras_optimizer(method, learning_rate, momentum, rho, beta_1, beta_2, epsilon)
    points = [start]
    if method == "rmsprop":
        theta, mean_square = start, np.zeros_like(start)
        for _ in range(n_steps):
            grad = np.asarray(gradient(theta), dtype=float)
            theta, mean_square = rmsprop_step(theta, grad, mean_square, learning_rate, rho, epsilon)
            points.append(theta)
        return np.array(points)
    for t in range(1, n_steps + 1):
        if method == "adam":
            optimizer.epsilon = epsilon * np.sqrt(1 - beta_2**t)
        grad = np.asarray(gradient(np.asarray(variable, dtype=float)), dtype=float)
        optimizer.apply_gradients([(keras.ops.convert_to_tensor(grad, dtype="float64"), variable)])
        points.append(np.asarray(variable, dtype=float))
    return np.array(points)
