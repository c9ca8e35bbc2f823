"""From scratch, another algorithm: gradients from X^T X and X^T y computed once, L by power iteration, shuffles by argsort of uniforms, Adam with the bias correction folded into the step size.

Every formula is algebraically the one the docstrings give, evaluated another way, so rounding
differs from the reference while the numbers agree to many digits.
"""

from __future__ import annotations

import numpy as np

_METHODS = ("gd", "momentum", "rmsprop", "adam")


def _as_design(X, y):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D design matrix, got shape {X.shape}")
    if y.ndim != 1 or y.shape[0] != X.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows but y has shape {y.shape}; they must match")
    return X, y


def _as_theta(theta, n_features):
    theta = np.array(theta, dtype=np.float64)
    if theta.shape != (n_features,):
        raise ValueError(f"theta has shape {theta.shape}, expected ({n_features},)")
    return theta


def _positive(learning_rate):
    if learning_rate <= 0:
        raise ValueError(f"learning_rate must be positive, got {learning_rate}")


def mse_loss(theta, X, y):
    """Mean squared error of X @ theta against y."""
    X, y = _as_design(X, y)
    residual = y - X @ _as_theta(theta, X.shape[1])
    return float(np.mean(np.square(residual)))


def mse_gradient(theta, X, y):
    """(2 / n) X^T (X theta - y), written as (2 / n) (X^T X theta - X^T y)."""
    X, y = _as_design(X, y)
    theta = _as_theta(theta, X.shape[1])
    return (2.0 / X.shape[0]) * (X.T @ (X @ theta) - X.T @ y)


def largest_hessian_eigenvalue(X):
    """Power iteration on (2 / n) X^T X with a Rayleigh quotient."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D design matrix, got shape {X.shape}")
    hessian = (2.0 / X.shape[0]) * (X.T @ X)
    vector = np.ones(hessian.shape[0]) / np.sqrt(hessian.shape[0])
    estimate = 0.0
    for _ in range(10_000):
        image = hessian @ vector
        norm = np.linalg.norm(image)
        if norm == 0:
            return 0.0
        vector = image / norm
        new_estimate = float(vector @ hessian @ vector)
        if abs(new_estimate - estimate) <= 1e-15 * new_estimate:
            break
        estimate = new_estimate
    return new_estimate


def batch_gradient_descent(X, y, learning_rate=0.1, n_epochs=1000, theta0=None):
    """Full-batch steps using the precomputed X^T X and X^T y."""
    X, y = _as_design(X, y)
    _positive(learning_rate)
    n, d = X.shape
    theta = np.zeros(d) if theta0 is None else _as_theta(theta0, d)
    gram, moment = (2.0 / n) * (X.T @ X), (2.0 / n) * (X.T @ y)
    losses = [mse_loss(theta, X, y)]
    for _ in range(n_epochs):
        theta = theta - learning_rate * (gram @ theta - moment)
        losses.append(mse_loss(theta, X, y))
    return theta, np.asarray(losses)


def minibatch_gradient_descent(
    X, y, learning_rate=0.1, n_epochs=50, batch_size=16, random_state=None
):
    """Each epoch orders the rows by argsort of fresh uniforms (another random stream)."""
    X, y = _as_design(X, y)
    _positive(learning_rate)
    n = X.shape[0]
    if batch_size < 1 or batch_size > n:
        raise ValueError(
            f"batch_size must be between 1 and {n} (the number of rows), got {batch_size}"
        )
    generator = (
        random_state
        if isinstance(random_state, np.random.Generator)
        else np.random.default_rng(random_state)
    )
    theta = np.zeros(X.shape[1])
    losses = [mse_loss(theta, X, y)]
    for _ in range(n_epochs):
        order = np.argsort(generator.random(n), kind="stable")
        for batch in np.array_split(order, range(batch_size, n, batch_size)):
            Xb, yb = X[batch], y[batch]
            theta = theta - learning_rate * (2.0 / len(batch)) * (Xb.T @ (Xb @ theta - yb))
            losses.append(mse_loss(theta, X, y))
    return theta, np.asarray(losses)


def stochastic_gradient_descent(X, y, learning_rate=0.05, n_epochs=50, random_state=None):
    """Mini-batches of one row."""
    return minibatch_gradient_descent(X, y, learning_rate, n_epochs, 1, random_state)


def momentum_step(theta, grad, velocity, learning_rate, momentum=0.9):
    """velocity = momentum * velocity - learning_rate * grad; theta + velocity."""
    new_velocity = np.subtract(
        np.multiply(momentum, velocity, dtype=np.float64), np.multiply(learning_rate, grad)
    )
    return np.add(theta, new_velocity, dtype=np.float64), new_velocity


def rmsprop_step(theta, grad, mean_square, learning_rate, rho=0.9, epsilon=1e-7):
    """Running mean square, then the gradient divided by its root plus epsilon."""
    grad = np.array(grad, dtype=np.float64)
    new_mean_square = rho * np.array(mean_square, dtype=np.float64) + (1.0 - rho) * grad * grad
    step = learning_rate * grad / (np.sqrt(new_mean_square) + epsilon)
    return np.array(theta, dtype=np.float64) - step, new_mean_square


def adam_step(theta, grad, m, v, t, learning_rate, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    """The bias correction folded into the step size and epsilon, as in Kingma & Ba's section 2."""
    if t < 1:
        raise ValueError(f"t counts Adam's steps from 1, got {t}")
    grad = np.array(grad, dtype=np.float64)
    m = beta_1 * np.array(m, dtype=np.float64) + (1.0 - beta_1) * grad
    v = beta_2 * np.array(v, dtype=np.float64) + (1.0 - beta_2) * grad * grad
    root_correction = np.sqrt(1.0 - beta_2**t)
    step_size = learning_rate * root_correction / (1.0 - beta_1**t)
    theta = np.array(theta, dtype=np.float64) - step_size * m / (
        np.sqrt(v) + epsilon * root_correction
    )
    return theta, m, v


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
    """A list of points, stacked at the end."""
    if method not in _METHODS:
        raise ValueError(f"method must be one of {', '.join(_METHODS)}; got {method!r}")
    _positive(learning_rate)
    theta = np.array(theta0, dtype=np.float64)
    first = np.zeros_like(theta)
    second = np.zeros_like(theta)
    points = [theta]
    for t in range(1, n_steps + 1):
        grad = np.asarray(gradient(theta), dtype=np.float64)
        if method == "gd":
            theta = theta - learning_rate * grad
        elif method == "momentum":
            theta, first = momentum_step(theta, grad, first, learning_rate, momentum)
        elif method == "rmsprop":
            theta, second = rmsprop_step(theta, grad, second, learning_rate, rho, epsilon)
        else:
            theta, first, second = adam_step(
                theta, grad, first, second, t, learning_rate, beta_1, beta_2, epsilon
            )
        points.append(theta)
    return np.stack(points)
