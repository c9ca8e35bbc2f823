"""Benchmarks for kata 17: your batch gradient descent against a plain vectorized numpy loop.

Not part of the claims. Run with the implementation switch, for example
``pytest --benchmark-only katas/17_gradient_descent/bench_gradient_descent.py`` (your code) or with
``--solutions``.
"""

import numpy as np
import pytest

N_ROWS, N_EPOCHS, LEARNING_RATE = 100_000, 20, 0.1


@pytest.fixture(scope="module")
def large_line(seed):
    """100,000 rows of y = 2x + 1 + noise, with an intercept column."""
    rng = np.random.default_rng(seed)
    x = rng.random(N_ROWS)
    return np.column_stack([np.ones(N_ROWS), x]), 2 * x + 1 + rng.normal(0, 0.1, N_ROWS)


def _numpy_batch_gradient_descent(X, y):
    theta = np.zeros(X.shape[1])
    losses = np.empty(N_EPOCHS + 1)
    residual = X @ theta - y
    losses[0] = residual @ residual / len(y)
    for epoch in range(N_EPOCHS):
        theta -= LEARNING_RATE * (2 / len(y)) * (X.T @ residual)
        residual = X @ theta - y
        losses[epoch + 1] = residual @ residual / len(y)
    return theta, losses


@pytest.mark.benchmark(group="batch gradient descent 100k x 2, 20 epochs")
def test_batch_gradient_descent_implementation_under_test(benchmark, impl, large_line):
    """The implementation under test."""
    theta, losses = benchmark(
        impl.batch_gradient_descent, *large_line, learning_rate=LEARNING_RATE, n_epochs=N_EPOCHS
    )

    np.testing.assert_allclose(theta, _numpy_batch_gradient_descent(*large_line)[0], rtol=1e-8)


@pytest.mark.benchmark(group="batch gradient descent 100k x 2, 20 epochs")
def test_batch_gradient_descent_numpy_loop(benchmark, large_line):
    """The peer: the same algorithm as a bare numpy loop over epochs, with no input checks."""
    theta, losses = benchmark(_numpy_batch_gradient_descent, *large_line)

    assert losses[-1] < losses[0]
