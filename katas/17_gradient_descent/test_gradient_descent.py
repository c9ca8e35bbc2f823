"""Kata 17, gradient descent: every test is one claim from a senior answer, stated in its docstring.

The implementation under test arrives as the ``impl`` fixture (see the root conftest.py). Only the
comparison with Keras' Adam needs TensorFlow, so that test imports Keras itself, late, and every
other test runs on numpy alone.
"""

import os
import time

import numpy as np
import pytest
from numpy.testing import assert_allclose

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

N_SAMPLES = 100
# A diagonal quadratic 0.5 * x^T A x whose condition number is 100 / 1 = 100.
ILL_CONDITIONED = np.diag([1.0, 100.0])


@pytest.fixture(scope="session")
def line_data(seed):
    """The seed's data: x uniform on [0, 1), y = 2x + 1 plus N(0, 0.1^2) noise, with an intercept column."""
    rng = np.random.default_rng(seed)
    x = rng.random(N_SAMPLES)
    y = 2 * x + 1 + rng.normal(0, 0.1, N_SAMPLES)
    X = np.column_stack([np.ones(N_SAMPLES), x])
    return X, y, np.linalg.lstsq(X, y, rcond=None)[0]


def _rising_steps(losses) -> int:
    return int(np.sum(np.diff(losses) > 0))


def _steps_to_reach(trajectory, tolerance: float) -> int:
    """The first step after which every point stays within ``tolerance`` of the minimum at 0."""
    outside = np.flatnonzero(np.linalg.norm(trajectory, axis=1) > tolerance)
    return int(outside[-1] + 1) if len(outside) else 0


def _best_time(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


# --- The loss and its gradient ---------------------------------------------------------------


def test_mse_loss_and_gradient_match_the_formula_and_finite_differences(impl, line_data, rng):
    """The loss is the mean squared residual and the gradient is (2/m) X^T (X theta - y), as finite differences confirm."""
    X, y, _ = line_data
    theta = rng.normal(size=2)

    loss = impl.mse_loss(theta, X, y)
    gradient = impl.mse_gradient(theta, X, y)

    residual = X @ theta - y
    assert loss == pytest.approx(np.mean(residual**2), rel=1e-12), (
        f"mse_loss(theta={theta}) returned {loss}; the mean squared residual is "
        f"{np.mean(residual**2)}"
    )
    step = 1e-6
    numeric = [
        (np.mean((X @ (theta + e) - y) ** 2) - np.mean((X @ (theta - e) - y) ** 2)) / (2 * step)
        for e in step * np.eye(2)
    ]
    assert_allclose(
        gradient,
        numeric,
        rtol=1e-6,
        atol=1e-8,
        err_msg=f"mse_gradient(theta={theta}) disagrees with central finite differences",
    )


# --- Batch gradient descent and the step size -------------------------------------------------


def test_batch_gradient_descent_converges_to_the_least_squares_solution(impl, line_data):
    """With the seed's settings (learning rate 0.1, 1000 epochs), batch gradient descent lands within 1e-3 of the closed-form solution."""
    X, y, solution = line_data

    theta, losses = impl.batch_gradient_descent(X, y, learning_rate=0.1, n_epochs=1000)

    # Over seeds 0-9 the largest error measured 2.5e-5, forty times below the tolerance.
    assert_allclose(
        theta,
        solution,
        atol=1e-3,
        err_msg=(
            "batch_gradient_descent(X, y, learning_rate=0.1, n_epochs=1000) should land within "
            f"1e-3 of the least-squares solution {solution}"
        ),
    )
    assert losses.shape == (1001,), (
        f"losses has shape {losses.shape}; it holds the loss at the start and after each of the "
        "1000 steps"
    )


def test_largest_hessian_eigenvalue_is_that_of_two_over_m_xtx(impl, line_data, rng):
    """L is the largest eigenvalue of the loss's Hessian (2/m) X^T X, on the seed's data and on a wider design."""
    X, _, _ = line_data
    wide = rng.normal(size=(50, 4)) * [1.0, 3.0, 0.5, 2.0]

    got = [impl.largest_hessian_eigenvalue(X), impl.largest_hessian_eigenvalue(wide)]

    expected = [np.linalg.eigvalsh(2 / len(A) * A.T @ A)[-1] for A in (X, wide)]
    assert_allclose(
        got,
        expected,
        rtol=1e-10,
        err_msg=(
            "largest_hessian_eigenvalue should return the top eigenvalue of (2/m) X^T X, the "
            "Hessian of the mean squared error (mind the 2 and the 1/m)"
        ),
    )


def test_batch_loss_never_rises_below_two_over_l(impl, line_data):
    """With a learning rate of 0.95 * 2/L the batch loss falls at every step."""
    X, y, _ = line_data
    limit = 2 / impl.largest_hessian_eigenvalue(X)

    _, losses = impl.batch_gradient_descent(X, y, learning_rate=0.95 * limit, n_epochs=300)

    # On a quadratic every eigen-direction shrinks by |1 - lr * lambda| < 1, so no step may rise;
    # 1e-12 only forgives rounding once the loss has settled.
    rises = np.flatnonzero(np.diff(losses) > 1e-12 * losses[0])
    assert len(rises) == 0, (
        f"batch_gradient_descent(learning_rate=0.95 * 2/L = {0.95 * limit:.4f}) let the loss rise "
        f"at {len(rises)} steps, first at step {rises[:1].tolist()} (from {losses[0]:.3g} to "
        f"{losses[-1]:.3g}); below 2/L it should fall every step"
    )
    assert losses[-1] < 0.05 * losses[0], "the loss should also have fallen a long way"


def test_batch_gradient_descent_diverges_above_two_over_l(impl, line_data):
    """With a learning rate of 1.05 * 2/L the batch loss grows without bound."""
    X, y, _ = line_data
    limit = 2 / impl.largest_hessian_eigenvalue(X)

    _, losses = impl.batch_gradient_descent(X, y, learning_rate=1.05 * limit, n_epochs=200)

    # The stiffest direction is multiplied by |1 - 2.1| = 1.1 per step, so the loss grows by about
    # 1.1^400, some 1e16, in 200 steps; 1e6 is a floor nothing stable reaches.
    assert losses[-1] > 1e6 * losses[0], (
        f"batch_gradient_descent(learning_rate=1.05 * 2/L = {1.05 * limit:.4f}) took the loss from "
        f"{losses[0]:.3g} to {losses[-1]:.3g} in 200 steps; above 2/L it should diverge"
    )


# --- Stochastic and mini-batch gradient descent -----------------------------------------------


def test_sgd_and_minibatch_reach_the_neighbourhood_of_the_solution(impl, line_data, seed):
    """SGD (one row per step) and mini-batch gradient descent (16 rows) end within 0.1 of the least-squares solution."""
    X, y, solution = line_data

    theta_sgd, _ = impl.stochastic_gradient_descent(
        X, y, learning_rate=0.05, n_epochs=50, random_state=seed
    )
    theta_mini, _ = impl.minibatch_gradient_descent(
        X, y, learning_rate=0.1, n_epochs=50, batch_size=16, random_state=seed
    )

    # Over seeds 0-9 the largest error measured 0.048 (SGD) and 0.039 (mini-batch). A constant step
    # leaves them jittering around the solution, so the claim is a neighbourhood, not 1e-3.
    for name, theta in (("stochastic", theta_sgd), ("minibatch", theta_mini)):
        assert_allclose(
            theta,
            solution,
            atol=0.1,
            err_msg=f"{name}_gradient_descent should end near the solution {solution}",
        )


def test_sgd_and_minibatch_loss_curves_rise_more_often_than_batch(impl, line_data, seed):
    """Batch gradient descent never lets the full-data loss rise; mini-batch steps sometimes do and single-row steps often do."""
    X, y, _ = line_data

    _, batch = impl.batch_gradient_descent(X, y, learning_rate=0.1, n_epochs=350)
    _, mini = impl.minibatch_gradient_descent(
        X, y, learning_rate=0.1, n_epochs=50, batch_size=16, random_state=seed
    )
    _, sgd = impl.stochastic_gradient_descent(
        X, y, learning_rate=0.05, n_epochs=50, random_state=seed
    )

    assert len(mini) == 1 + 50 * 7 and len(sgd) == 1 + 50 * N_SAMPLES, (
        f"the loss curves hold {len(mini)} (mini-batch) and {len(sgd)} (SGD) entries; they record "
        "the start and every step: 7 batches of 16 per epoch, and one step per row"
    )
    fractions = {
        name: _rising_steps(c) / (len(c) - 1)
        for name, c in (("batch", batch), ("minibatch", mini), ("sgd", sgd))
    }
    # Over seeds 0-9 the rising fraction measured 0 (batch), 0.25-0.29 (mini-batch) and 0.47-0.51
    # (SGD); the bounds below sit well inside those gaps.
    assert fractions["batch"] == 0, f"batch gradient descent rose on some steps: {fractions}"
    assert 0.1 <= fractions["minibatch"] <= 0.4, (
        f"fractions of rising steps {fractions}: mini-batch steps follow a noisy gradient, so the "
        "full-data loss should rise on some of them (about a quarter)"
    )
    assert fractions["sgd"] >= 0.4, (
        f"fractions of rising steps {fractions}: single-row steps should let the loss rise on "
        "about half of them"
    )


def test_minibatch_with_one_batch_is_batch_gradient_descent(impl, line_data, seed):
    """With batch_size equal to the number of rows, mini-batch gradient descent is batch gradient descent."""
    X, y, _ = line_data

    theta_mini, mini = impl.minibatch_gradient_descent(
        X, y, learning_rate=0.1, n_epochs=30, batch_size=N_SAMPLES, random_state=seed
    )
    theta_batch, batch = impl.batch_gradient_descent(X, y, learning_rate=0.1, n_epochs=30)

    message = (
        f"minibatch_gradient_descent(batch_size={N_SAMPLES}) and batch_gradient_descent, 30 epochs "
        "at lr 0.1, should take identical steps: one batch of every row is batch gradient descent"
    )
    assert_allclose(theta_mini, theta_batch, rtol=1e-10, err_msg=message)
    assert_allclose(mini, batch, rtol=1e-10, err_msg=message)


# --- Momentum, RMSprop and Adam by hand -------------------------------------------------------


def test_momentum_step_accumulates_velocity_under_a_constant_gradient(impl):
    """Under a constant gradient, momentum's steps grow 0.1, 0.19, 0.271, ... towards learning_rate / (1 - momentum)."""
    theta, velocity, grad = np.zeros(1), np.zeros(1), np.ones(1)

    path = []
    for _ in range(200):
        theta, velocity = impl.momentum_step(theta, grad, velocity, learning_rate=0.1, momentum=0.9)
        path.append(theta[0])

    # velocity_k = 0.9 * velocity_{k-1} - 0.1, so the steps are 0.1, 0.19, 0.271.
    assert_allclose(
        path[:3],
        [-0.1, -0.29, -0.561],
        rtol=1e-12,
        err_msg="momentum_step(learning_rate=0.1, momentum=0.9) from 0 with gradient 1, 3 steps",
    )
    assert_allclose(
        velocity,
        [-1.0],
        rtol=1e-6,
        err_msg="after 200 steps the velocity should settle at -learning_rate / (1 - momentum)",
    )


def test_rmsprop_step_divides_each_coordinate_by_its_root_mean_square(impl):
    """RMSprop moves coordinates whose gradients differ by 10^4 by the same amount, and its second step matches a hand calculation."""
    theta, mean_square = np.zeros(2), np.zeros(2)

    theta, mean_square = impl.rmsprop_step(
        theta, np.array([1.0, 1e4]), mean_square, learning_rate=0.01, rho=0.9
    )
    first = theta.copy()
    theta, mean_square = impl.rmsprop_step(
        theta, np.array([2.0, -5000.0]), mean_square, learning_rate=0.01, rho=0.9
    )

    # Step 1: mean_square = 0.1 g^2, so each coordinate moves 0.01 / sqrt(0.1) = 0.0316228.
    assert_allclose(
        first,
        [-0.0316228, -0.0316228],
        rtol=1e-5,
        err_msg="rmsprop_step(theta=0, grad=[1, 1e4], learning_rate=0.01, rho=0.9) should move "
        "both coordinates by 0.01 / sqrt(0.1), whatever the size of their gradients",
    )
    # Step 2: mean_square = [0.09 + 0.4, 9e6 + 2.5e6] = [0.49, 1.15e7].
    expected = first - 0.01 * np.array([2 / np.sqrt(0.49), -5000 / np.sqrt(1.15e7)])
    assert_allclose(
        mean_square, [0.49, 1.15e7], rtol=1e-12, err_msg="the running mean square after 2 steps"
    )
    assert_allclose(
        theta, expected, rtol=1e-6, err_msg="rmsprop_step's second step, grad=[2, -5000]"
    )


def test_adam_first_steps_match_a_hand_calculation_with_bias_correction(impl):
    """Adam's bias correction makes step 1 exactly learning_rate * sign(gradient), and step 2 matches the hand calculation."""
    theta, m, v = np.array([1.0, 1.0]), np.zeros(2), np.zeros(2)

    theta, m, v = impl.adam_step(theta, np.array([0.5, -4.0]), m, v, 1, learning_rate=0.1)
    first = theta.copy()
    theta, m, v = impl.adam_step(theta, np.array([0.2, 1.0]), m, v, 2, learning_rate=0.1)

    # Step 1: m = 0.1 g, v = 0.001 g^2; dividing by 1 - 0.9 and 1 - 0.999 gives back g and g^2,
    # so the step is 0.1 * g / |g| whatever the gradient's size.
    assert_allclose(
        first,
        [0.9, 1.1],
        rtol=1e-7,
        err_msg="adam_step(theta=[1, 1], grad=[0.5, -4], t=1, learning_rate=0.1) should move each "
        "coordinate by exactly 0.1 against the gradient's sign",
    )
    # Step 2: m = [0.065, -0.26], v = [2.8975e-4, 0.016984];
    # m_hat = m / 0.19 = [0.342105, -1.368421], v_hat = v / 0.001999 = [0.144947, 8.496248].
    assert_allclose(m, [0.065, -0.26], rtol=1e-12, err_msg="first moment after two steps")
    assert_allclose(v, [2.8975e-4, 0.016984], rtol=1e-12, err_msg="second moment after two steps")
    expected = first - 0.1 * np.array([0.342105 / 0.380719, -1.368421 / 2.914832])
    assert_allclose(
        theta, expected, rtol=1e-5, err_msg="adam_step's second step, grad=[0.2, 1], t=2"
    )


def test_adam_agrees_with_keras_adam_on_a_quadratic(impl, rng):
    """On 0.5 x^T A x with epsilon negligible next to the gradients, 50 Adam steps match keras.optimizers.Adam."""
    x0 = rng.choice([-1.0, 1.0], size=2) * rng.uniform(0.5, 1.5, size=2)

    trajectory = impl.optimize(
        lambda x: ILL_CONDITIONED @ x, x0, method="adam", learning_rate=0.02, n_steps=50
    )

    import keras  # Only this test needs TensorFlow; importing it here keeps the others fast.

    variable = keras.Variable(x0.astype("float32"))
    optimizer = keras.optimizers.Adam(learning_rate=0.02, beta_1=0.9, beta_2=0.999, epsilon=1e-7)
    expected = [x0]
    for _ in range(50):
        grad = ILL_CONDITIONED @ np.asarray(variable, dtype=float)
        optimizer.apply_gradients([(grad.astype("float32"), variable)])
        expected.append(np.asarray(variable, dtype=float))
    # Keras works in float32; over seeds 0-9 the largest gap in 50 steps measured 5.6e-6.
    assert_allclose(
        trajectory,
        np.array(expected),
        atol=5e-5,
        err_msg=(
            "optimize(grad, x0, method='adam', learning_rate=0.02, n_steps=50) drifted away from "
            "keras.optimizers.Adam with the same hyperparameters"
        ),
    )


# --- Ill-conditioning ------------------------------------------------------------------------


def test_momentum_and_adam_beat_gradient_descent_on_an_ill_conditioned_quadratic(impl, rng):
    """With condition number 100, momentum and Adam get within 1e-3 of the minimum in far fewer steps than plain gradient descent at its best step size."""
    x0 = rng.choice([-1.0, 1.0], size=2) * rng.uniform(0.5, 1.5, size=2)
    mu, L = 1.0, 100.0

    def run(method, learning_rate):
        trajectory = impl.optimize(
            lambda x: ILL_CONDITIONED @ x,
            x0,
            method=method,
            learning_rate=learning_rate,
            n_steps=1000,
        )
        return _steps_to_reach(trajectory, 1e-3)

    plain = run("gd", 2 / (L + mu))
    momentum = run("momentum", 1 / L)
    adam = run("adam", 0.02)

    # Over seeds 0-9 plain GD at its best constant step needed 343-378 steps, momentum 126-144 and
    # Adam 133-178: at most 0.48 of plain GD's (200 starting points gave the same picture). 0.75
    # leaves a wide margin on both sides.
    assert 300 <= plain <= 1000, f"plain gradient descent took {plain} steps; about 350 expected"
    assert momentum <= 0.75 * plain and adam <= 0.75 * plain, (
        f"from x0={x0}, steps to within 1e-3 of the minimum: plain GD {plain}, momentum "
        f"{momentum}, Adam {adam}; momentum and Adam should need well under 3/4 of plain GD's"
    )


# --- Vectorization ---------------------------------------------------------------------------


@pytest.mark.benchmark(group="batch gradient descent 5000 x 2, 10 epochs")
def test_batch_gradient_descent_is_vectorized_over_samples(impl, benchmark, rng):
    """Batch gradient descent computes each step with matrix products, no Python loop over rows: it runs within 20x of a plain numpy loop over epochs."""
    m, epochs = 5000, 10
    X = np.column_stack([np.ones(m), rng.random(m)])
    y = 2 * X[:, 1] + 1 + rng.normal(0, 0.1, m)

    theta, _ = benchmark.pedantic(
        impl.batch_gradient_descent,
        args=(X, y),
        kwargs={"learning_rate": 0.1, "n_epochs": epochs},
        rounds=5,
    )

    def vectorized_reference():
        theta = np.zeros(2)
        for _ in range(epochs):
            residual = X @ theta - y
            theta = theta - 0.1 * (2 / m) * (X.T @ residual)
        return theta

    assert_allclose(theta, vectorized_reference(), rtol=1e-8, err_msg="batch GD on 5000 rows")
    learner = _best_time(
        lambda: impl.batch_gradient_descent(X, y, learning_rate=0.1, n_epochs=epochs), repeat=3
    )
    reference = _best_time(vectorized_reference, repeat=5)
    benchmark.extra_info["vectorized_reference_seconds"] = reference
    # The reference measured about 0.07 ms; a loop over 5000 rows measured about 300 ms, some 4000
    # times slower. Per-call overheads are not loops over rows: recording each loss with sklearn's
    # mean_squared_error (input validation, about 1 ms a call) took 14 ms on a busy machine. 20x
    # plus 50 ms absorbs both and still leaves a row loop 6 times over the limit.
    assert learner <= 20 * reference + 0.05, (
        f"batch_gradient_descent on 5000 rows x {epochs} epochs took {learner * 1e3:.1f} ms; a "
        f"vectorized numpy version took {reference * 1e3:.2f} ms. Compute X @ theta and "
        "X.T @ residual for all rows at once instead of looping over them."
    )


# --- Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("learning_rate", [0.0, -0.1])
def test_gradient_descent_rejects_a_non_positive_learning_rate(impl, line_data, learning_rate):
    """A learning rate of zero or below raises a ValueError that names it."""
    X, y, _ = line_data

    with pytest.raises(ValueError, match="learning_rate must be positive"):
        impl.batch_gradient_descent(X, y, learning_rate=learning_rate, n_epochs=5)


def test_gradient_descent_rejects_x_and_y_of_different_lengths(impl, line_data):
    """X with 100 rows and y with 99 targets raises a ValueError that gives both."""
    X, y, _ = line_data

    with pytest.raises(ValueError, match=r"X has 100 rows but y has shape \(99,\)"):
        impl.batch_gradient_descent(X, y[:-1], learning_rate=0.1, n_epochs=5)


@pytest.mark.parametrize("batch_size", [0, N_SAMPLES + 1])
def test_minibatch_rejects_a_batch_size_outside_one_to_n(impl, line_data, batch_size):
    """A batch size of 0 or above the number of rows raises a ValueError that gives the range."""
    X, y, _ = line_data

    with pytest.raises(ValueError, match=f"batch_size must be between 1 and {N_SAMPLES}"):
        impl.minibatch_gradient_descent(X, y, batch_size=batch_size)


def test_optimize_rejects_an_unknown_method(impl):
    """An unknown method name raises a ValueError that lists the known ones."""
    with pytest.raises(ValueError, match="method must be one of gd, momentum, rmsprop, adam"):
        impl.optimize(lambda x: x, np.ones(2), method="nesterov")
