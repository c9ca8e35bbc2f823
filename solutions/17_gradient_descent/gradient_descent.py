"""Gradient descent from scratch in numpy: batch, stochastic and mini-batch updates for least
squares, the 2/L limit on the step size, and the momentum, RMSprop and Adam update rules."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

METHODS = ("gd", "momentum", "rmsprop", "adam")


def _check_design(X, y) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2:
        raise ValueError(
            f"X must be a 2-D design matrix (n_samples, n_features), got shape {X.shape}"
        )
    if y.ndim != 1 or len(y) != len(X):
        raise ValueError(f"X has {len(X)} rows but y has shape {y.shape}; y must be 1-D and match")
    return X, y


def _check_theta(theta, X: np.ndarray) -> np.ndarray:
    theta = np.asarray(theta, dtype=float)
    if theta.shape != (X.shape[1],):
        raise ValueError(
            f"theta has shape {theta.shape} but X has {X.shape[1]} columns; "
            f"theta must have shape ({X.shape[1]},)"
        )
    return theta


def _check_learning_rate(learning_rate: float) -> None:
    if not learning_rate > 0:
        raise ValueError(f"learning_rate must be positive, got {learning_rate}")


def mse_loss(theta, X, y) -> float:
    """The mean squared error of the linear model ``X @ theta`` against ``y``.

    Parameters
    ----------
    theta : array of shape (n_features,)
    X : array of shape (n_samples, n_features)
        The design matrix; include a column of ones for an intercept.
    y : array of shape (n_samples,)

    Returns
    -------
    float
        ``mean((X @ theta - y) ** 2)``.
    """
    X, y = _check_design(X, y)
    residual = X @ _check_theta(theta, X) - y
    return float(residual @ residual / len(y))


def mse_gradient(theta, X, y) -> np.ndarray:
    """The gradient of `mse_loss` with respect to ``theta``, computed without a loop over rows.

    Parameters
    ----------
    theta : array of shape (n_features,)
    X : array of shape (n_samples, n_features)
    y : array of shape (n_samples,)

    Returns
    -------
    array of shape (n_features,)
        ``(2 / n_samples) * X.T @ (X @ theta - y)``.
    """
    X, y = _check_design(X, y)
    residual = X @ _check_theta(theta, X) - y
    return (2.0 / len(y)) * (X.T @ residual)


def largest_hessian_eigenvalue(X) -> float:
    """L, the largest eigenvalue of the Hessian of `mse_loss`, which is ``(2 / n) X.T @ X``.

    Gradient descent on this quadratic is stable for learning rates below ``2 / L`` and diverges
    above it.

    Parameters
    ----------
    X : array of shape (n_samples, n_features)

    Returns
    -------
    float
    """
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(
            f"X must be a 2-D design matrix (n_samples, n_features), got shape {X.shape}"
        )
    hessian = (2.0 / len(X)) * (X.T @ X)
    return float(np.linalg.eigvalsh(hessian)[-1])


def batch_gradient_descent(
    X, y, learning_rate: float = 0.1, n_epochs: int = 1000, theta0=None
) -> tuple[np.ndarray, np.ndarray]:
    """Minimise `mse_loss` with one full-data gradient step per epoch.

    Parameters
    ----------
    X : array of shape (n_samples, n_features)
    y : array of shape (n_samples,)
    learning_rate : float, positive
    n_epochs : int
        The number of steps; each one uses every row, in one vectorized computation.
    theta0 : array of shape (n_features,), optional
        The starting point; zeros by default.

    Returns
    -------
    theta : array of shape (n_features,)
        The parameters after the last step.
    losses : array of shape (n_epochs + 1,)
        The full-data loss at the start and after every step.

    Raises
    ------
    ValueError
        If X is not 2-D, y does not match it, or the learning rate is not positive.
    """
    X, y = _check_design(X, y)
    _check_learning_rate(learning_rate)
    theta = np.zeros(X.shape[1]) if theta0 is None else _check_theta(theta0, X).copy()
    scale = 2.0 / len(y)
    losses = np.empty(n_epochs + 1)
    residual = X @ theta - y
    losses[0] = residual @ residual / len(y)
    for epoch in range(n_epochs):
        theta -= learning_rate * scale * (X.T @ residual)
        residual = X @ theta - y
        losses[epoch + 1] = residual @ residual / len(y)
    return theta, losses


def minibatch_gradient_descent(
    X,
    y,
    learning_rate: float = 0.1,
    n_epochs: int = 50,
    batch_size: int = 16,
    random_state=None,
) -> tuple[np.ndarray, np.ndarray]:
    """Minimise `mse_loss` with one step per mini-batch, reshuffling the rows every epoch.

    Parameters
    ----------
    X : array of shape (n_samples, n_features)
    y : array of shape (n_samples,)
    learning_rate : float, positive
    n_epochs : int
        Passes over the data; each pass takes ``ceil(n_samples / batch_size)`` steps.
    batch_size : int, from 1 (stochastic gradient descent) to n_samples (batch gradient descent)
        When it does not divide n_samples, the last batch of every epoch holds the remaining
        rows, and its step uses the mean gradient over those rows (it is neither dropped nor
        merged into another batch).
    random_state : int or numpy Generator, optional
        Seeds the shuffles.

    Returns
    -------
    theta : array of shape (n_features,)
    losses : array of shape (1 + number of steps,)
        The full-data loss at the start and after every step.

    Raises
    ------
    ValueError
        If X is not 2-D, y does not match it, the learning rate is not positive, or batch_size is
        outside 1..n_samples.
    """
    X, y = _check_design(X, y)
    _check_learning_rate(learning_rate)
    n_samples = len(y)
    if not 1 <= batch_size <= n_samples:
        raise ValueError(
            f"batch_size must be between 1 and {n_samples} (the number of rows), got {batch_size}"
        )
    rng = np.random.default_rng(random_state)
    theta = np.zeros(X.shape[1])
    losses = [mse_loss(theta, X, y)]
    for _ in range(n_epochs):
        order = rng.permutation(n_samples)
        for start in range(0, n_samples, batch_size):
            rows = order[start : start + batch_size]
            theta -= learning_rate * mse_gradient(theta, X[rows], y[rows])
            losses.append(mse_loss(theta, X, y))
    return theta, np.array(losses)


def stochastic_gradient_descent(
    X, y, learning_rate: float = 0.05, n_epochs: int = 50, random_state=None
) -> tuple[np.ndarray, np.ndarray]:
    """Minimise `mse_loss` with one step per row: mini-batch gradient descent with batches of one.

    Parameters and return values are those of `minibatch_gradient_descent` with ``batch_size=1``.
    """
    return minibatch_gradient_descent(
        X,
        y,
        learning_rate=learning_rate,
        n_epochs=n_epochs,
        batch_size=1,
        random_state=random_state,
    )


def momentum_step(theta, grad, velocity, learning_rate: float, momentum: float = 0.9):
    """One step of gradient descent with (heavy-ball) momentum, in Keras' SGD convention.

    ``velocity = momentum * velocity - learning_rate * grad``, then ``theta = theta + velocity``.

    Parameters
    ----------
    theta, grad, velocity : arrays of the same shape
        ``velocity`` starts at zeros.
    learning_rate : float
    momentum : float in [0, 1)

    Returns
    -------
    theta, velocity
        New arrays; the inputs are not modified.
    """
    velocity = momentum * np.asarray(velocity, dtype=float) - learning_rate * np.asarray(grad)
    return np.asarray(theta, dtype=float) + velocity, velocity


def rmsprop_step(
    theta, grad, mean_square, learning_rate: float, rho: float = 0.9, epsilon: float = 1e-7
):
    """One RMSprop step: divide the gradient by a running root-mean-square of past gradients.

    ``mean_square = rho * mean_square + (1 - rho) * grad**2``, then
    ``theta = theta - learning_rate * grad / (sqrt(mean_square) + epsilon)``: epsilon is added
    after the square root, as in Hinton's lecture and PyTorch. Keras adds it inside,
    ``sqrt(mean_square + epsilon)``; the two agree only while gradients are far above
    ``sqrt(epsilon)``, about 3e-4.

    Parameters
    ----------
    theta, grad, mean_square : arrays of the same shape
        ``mean_square`` starts at zeros.
    learning_rate : float
    rho : float in [0, 1)
    epsilon : float

    Returns
    -------
    theta, mean_square
        New arrays; the inputs are not modified.
    """
    grad = np.asarray(grad, dtype=float)
    mean_square = rho * np.asarray(mean_square, dtype=float) + (1 - rho) * grad**2
    theta = np.asarray(theta, dtype=float) - learning_rate * grad / (np.sqrt(mean_square) + epsilon)
    return theta, mean_square


def adam_step(
    theta,
    grad,
    m,
    v,
    t: int,
    learning_rate: float,
    beta_1: float = 0.9,
    beta_2: float = 0.999,
    epsilon: float = 1e-7,
):
    """One Adam step, with the bias correction that makes the first steps full-sized.

    ``m = beta_1 * m + (1 - beta_1) * grad`` and ``v = beta_2 * v + (1 - beta_2) * grad**2``;
    then ``m_hat = m / (1 - beta_1**t)``, ``v_hat = v / (1 - beta_2**t)`` and
    ``theta = theta - learning_rate * m_hat / (sqrt(v_hat) + epsilon)``: epsilon is added after
    the bias correction (Keras adds it to ``sqrt(v)`` before, which differs once gradients are
    near epsilon).

    Parameters
    ----------
    theta, grad, m, v : arrays of the same shape
        ``m`` and ``v`` start at zeros.
    t : int
        The number of this step, counting from 1.
    learning_rate : float
    beta_1, beta_2 : floats in [0, 1)
    epsilon : float

    Returns
    -------
    theta, m, v
        New arrays; the inputs are not modified.

    Raises
    ------
    ValueError
        If t is below 1 (the bias correction would divide by zero).
    """
    if t < 1:
        raise ValueError(f"t counts Adam's steps from 1, got {t}")
    grad = np.asarray(grad, dtype=float)
    m = beta_1 * np.asarray(m, dtype=float) + (1 - beta_1) * grad
    v = beta_2 * np.asarray(v, dtype=float) + (1 - beta_2) * grad**2
    m_hat = m / (1 - beta_1**t)
    v_hat = v / (1 - beta_2**t)
    theta = np.asarray(theta, dtype=float) - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon)
    return theta, m, v


def optimize(
    gradient: Callable[[np.ndarray], np.ndarray],
    theta0,
    method: str = "gd",
    learning_rate: float = 0.01,
    n_steps: int = 100,
    *,
    momentum: float = 0.9,
    rho: float = 0.9,
    beta_1: float = 0.9,
    beta_2: float = 0.999,
    epsilon: float = 1e-7,
) -> np.ndarray:
    """Run ``n_steps`` of one optimizer from ``theta0`` and return every point it visits.

    Parameters
    ----------
    gradient : callable
        Maps a parameter vector to the gradient of the objective there.
    theta0 : array of shape (d,)
    method : {"gd", "momentum", "rmsprop", "adam"}
        Plain gradient descent, or the update of `momentum_step`, `rmsprop_step` or `adam_step`.
    learning_rate : float, positive
    n_steps : int
    momentum, rho, beta_1, beta_2, epsilon : float
        The hyperparameters of the chosen method (the others are ignored).

    Returns
    -------
    array of shape (n_steps + 1, d)
        Row 0 is ``theta0``; row k is the point after k steps.

    Raises
    ------
    ValueError
        If the method is unknown or the learning rate is not positive.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}; got {method!r}")
    _check_learning_rate(learning_rate)
    theta = np.asarray(theta0, dtype=float).copy()
    first, second = np.zeros_like(theta), np.zeros_like(theta)
    trajectory = np.empty((n_steps + 1, *theta.shape))
    trajectory[0] = theta
    for step in range(1, n_steps + 1):
        grad = np.asarray(gradient(theta), dtype=float)
        if method == "gd":
            theta = theta - learning_rate * grad
        elif method == "momentum":
            theta, first = momentum_step(theta, grad, first, learning_rate, momentum)
        elif method == "rmsprop":
            theta, second = rmsprop_step(theta, grad, second, learning_rate, rho, epsilon)
        else:
            theta, first, second = adam_step(
                theta, grad, first, second, step, learning_rate, beta_1, beta_2, epsilon
            )
        trajectory[step] = theta
    return trajectory
