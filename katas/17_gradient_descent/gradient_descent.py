"""Gradient descent from scratch in numpy: batch, stochastic and mini-batch updates for least
squares, the 2/L limit on the step size, and the momentum, RMSprop and Adam update rules."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

METHODS = ("gd", "momentum", "rmsprop", "adam")


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
    # TODO: implement mse_loss; test_gradient_descent.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement mse_gradient; test_gradient_descent.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement largest_hessian_eigenvalue; test_gradient_descent.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement batch_gradient_descent; test_gradient_descent.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement minibatch_gradient_descent; test_gradient_descent.py says what it must do.
    raise NotImplementedError


def stochastic_gradient_descent(
    X, y, learning_rate: float = 0.05, n_epochs: int = 50, random_state=None
) -> tuple[np.ndarray, np.ndarray]:
    """Minimise `mse_loss` with one step per row: mini-batch gradient descent with batches of one.

    Parameters and return values are those of `minibatch_gradient_descent` with ``batch_size=1``.
    """
    # TODO: implement stochastic_gradient_descent; test_gradient_descent.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement momentum_step; test_gradient_descent.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement rmsprop_step; test_gradient_descent.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement adam_step; test_gradient_descent.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement optimize; test_gradient_descent.py says what it must do.
    raise NotImplementedError
